"""Values that cannot carry SQL syntax, and identifiers quoted for the database."""

import enum
import secrets
import sqlite3
import uuid

import psycopg
from psycopg import sql

PAGE_SIZE = 50


class Status(enum.Enum):
    ACTIVE = "active"
    CLOSED = "closed"


class Store:
    table = "documents"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _operator(self, kind: str) -> str:
        if kind == "gt":
            return ">"
        return "="

    def count(self, kind: str, size: int) -> int:
        return self.conn.execute(
            f"SELECT count(*) FROM {self.table} WHERE size {self._operator(kind)} {size}"
        ).fetchone()[0]


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def wrap(name: str) -> str:
    doubled = name.replace('"', '""')
    return f'"{doubled}"'


def pages(conn: sqlite3.Connection, table: str, page: str, ids: list, limit: int) -> list:
    token = secrets.token_hex(8)
    marker = uuid.uuid4().hex
    offset = int(page) * PAGE_SIZE
    placeholders = ", ".join("?" * len(ids))
    conn.execute(f"SAVEPOINT sp_{token}")
    conn.execute(f"INSERT INTO runs (marker) VALUES ('{marker}')")
    conn.execute(f"SELECT * FROM {quote_identifier(table)} LIMIT {limit} OFFSET {offset}")
    conn.execute(f"SELECT * FROM {wrap(table)} WHERE status = '{Status.ACTIVE.value}'")
    conn.execute(f"SELECT * FROM {wrap(table)} WHERE id IN ({placeholders})", ids)
    return conn.execute(f"SELECT count(*) FROM t WHERE n > {len(ids)}").fetchall()


def composed(conn: psycopg.Connection, table: str, owner: str) -> list:
    query = sql.SQL("SELECT * FROM {} WHERE owner = {}").format(
        sql.Identifier(table), sql.Literal(owner))
    return conn.execute(query).fetchall()
