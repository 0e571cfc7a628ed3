"""The sinks: they interpolate what the filters package returns."""

import sqlite3

from . import filters
from .filters import by_owner, by_status
from .filters.conditions import column_condition
from json import dumps


def documents(conn: sqlite3.Connection, owner: str) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {by_owner(owner)}").fetchall()


def shared(conn: sqlite3.Connection, owner: str, mine: bool) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {filters.owner_clause(owner, mine)}").fetchall()


def by_state(conn: sqlite3.Connection, status: str) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {by_status(status, False)}",
                        (status,)).fetchall()


def present(conn: sqlite3.Connection, column: str) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {column_condition(column)}").fetchall()


def external(conn: sqlite3.Connection, value: dict) -> list:
    return conn.execute(f"SELECT * FROM docs WHERE {dumps(value)}").fetchall()


def listed(conn: sqlite3.Connection, owner: str) -> list:
    return conn.execute(filters.owner_listing(owner)).fetchall()
