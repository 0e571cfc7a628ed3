"""Session settings, pragmas, bulk loads and grants take values too."""

import sqlite3

import psycopg


def tune_search(conn: psycopg.Connection, probes, timeout_ms: int) -> None:
    conn.execute(f"SET ivfflat.probes = {probes}")  # error: BL301 "probes"
    conn.execute(f"SET statement_timeout = {timeout_ms}")
    conn.execute(f"SET search_path TO {probes}")  # error: BL301


def set_cache(db: sqlite3.Connection, size) -> None:
    db.execute(f"PRAGMA cache_size = {size}")  # error: BL301 "size"


def load(conn: psycopg.Connection, path) -> None:
    with conn.cursor() as cur:
        cur.execute(f"COPY imports FROM '{path}' WITH (FORMAT csv)")  # error: BL301 "path"


def add_column(conn: psycopg.Connection, default) -> None:
    conn.execute(f"ALTER TABLE users ADD COLUMN plan TEXT DEFAULT '{default}'")  # error: BL301
