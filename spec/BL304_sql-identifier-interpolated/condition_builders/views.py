"""Sinks interpolating what project functions (and a library) return."""

import sqlite3
from json import dumps

from .conditions import by_owner, by_status, not_null


def present(conn: sqlite3.Connection, column: str) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {not_null(column)}").fetchall()  # error: BL304 "not_null(column)"


def external(conn: sqlite3.Connection, value: dict) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {dumps(value)}").fetchall()  # error: BL304


def bound(conn: sqlite3.Connection, status: str) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {by_status(status)}", (status,)).fetchall()


def owned(conn: sqlite3.Connection, owner: str) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {by_owner(owner)}").fetchall()
