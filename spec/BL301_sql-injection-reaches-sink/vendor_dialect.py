"""ClickHouse (and other dialects sqlglot rejects): still SQL by its keywords and clauses."""

import sqlite3


def recent(conn: sqlite3.Connection, doc_id) -> list:
    query = f"SELECT * FROM docs FINAL WHERE doc_id = '{doc_id}' SETTINGS max_threads = 4"
    return conn.execute(query).fetchall()  # error: BL301 "did not parse"
