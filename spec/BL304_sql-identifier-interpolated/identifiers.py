"""Names and syntax from callers: a weaker finding than a value, but still SQL."""

import sqlite3

import psycopg


class Archive:
    def __init__(self, conn: sqlite3.Connection, table_name: str) -> None:
        self.conn = conn
        self.table_name = table_name

    def purge(self) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS {self.table_name}")  # error: BL304 "self.table_name"


def listing(conn: sqlite3.Connection, column: str, direction: str) -> list:
    return conn.execute(f"SELECT * FROM users ORDER BY {column} {direction}").fetchall()  # error: BL304 "allow-list"


def in_schema(conn: psycopg.Connection, schema, owner: int) -> None:
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")  # error: BL304
    conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO reader")  # error: BL304
    conn.execute(f"SAVEPOINT {schema}")  # error: BL304


def columns(conn: sqlite3.Connection, fields: list) -> list:
    return conn.execute("SELECT " + ", ".join(fields) + " FROM users").fetchall()  # error: BL304


def both(conn: sqlite3.Connection, table, name) -> list:
    return conn.execute(f"SELECT * FROM {table} WHERE name = '{name}'").fetchall()  # error: BL304


SAMPLE = "SELECT * FROM `{schema}`.`{table}` LIMIT 1"


def describe(cursor, table: str, schema: str) -> list:
    cursor.execute(f"SHOW COLUMNS FROM {table}")  # error: BL304
    cursor.execute(SAMPLE.format(schema=schema, table=table))  # error: BL304 "schema"
    return cursor.fetchall()
