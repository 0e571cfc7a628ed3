"""Identifiers from an allow-list, constants or a quoting helper."""

import sqlite3

from psycopg import sql
from sqlalchemy.sql import quoted_name

ORDERING = {"new": "created_at DESC", "old": "created_at ASC"}
COLUMNS = ("id", "name", "email")


class Reports:
    table_name = "reports"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def latest(self, order: str) -> list:
        return self.conn.execute(
            f"SELECT * FROM {self.table_name} ORDER BY {ORDERING[order]}").fetchall()


def escape_name(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def pick(conn: sqlite3.Connection, table: str, column: str) -> list:
    conn.execute(f"SELECT {', '.join(COLUMNS)} FROM {escape_name(table)}")
    conn.execute(f"SELECT * FROM {quoted_name(table, quote=True)}")
    query = sql.SQL("SELECT {} FROM {}").format(sql.Identifier(column), sql.Identifier(table))
    return conn.execute(query.as_string(conn)).fetchall()
