"""Values checked before use, and checks that prove nothing (the value stays injectable)."""

import re
import sqlite3


def top(conn: sqlite3.Connection, query) -> list:
    k = query.similarity_top_k
    if not isinstance(k, int) or k <= 0:
        raise ValueError("k must be a positive int")
    return conn.execute(f"SELECT * FROM docs ORDER BY score DESC LIMIT {k}").fetchall()


def by_key(conn: sqlite3.Connection, filters: list) -> list:
    conditions = []
    for item in filters:
        if not re.match(r"^[a-zA-Z0-9_]+$", item.key):
            raise ValueError(f"bad key {item.key}")
        conditions.append(f"json_extract(meta, '$.{item.key}') = ?")
    where = " AND ".join(conditions)
    return conn.execute(f"SELECT * FROM docs WHERE {where}", [f.value for f in filters]).fetchall()


def numbered(conn: sqlite3.Connection, page: str) -> list:
    if not page.isdigit():
        return []
    return conn.execute(f"SELECT * FROM docs LIMIT 10 OFFSET {page}").fetchall()


def named(conn: sqlite3.Connection, name: str) -> list:
    if isinstance(name, str) and name.isidentifier():
        return conn.execute(f"SELECT * FROM docs WHERE owner = '{name}'").fetchall()
    return []


def asserted(conn: sqlite3.Connection, doc_id) -> list:
    assert isinstance(doc_id, int)
    return conn.execute(f"DELETE FROM docs WHERE id = {doc_id}").fetchall()


def prefix_only(conn: sqlite3.Connection, name: str) -> list:
    if not re.match(r"^[a-z]+", name):
        raise ValueError(name)
    return conn.execute(f"SELECT * FROM docs WHERE owner = '{name}'").fetchall()  # error: BL301


def checked_other_value(conn: sqlite3.Connection, name: str, owner: str) -> list:
    if not name.isidentifier():
        raise ValueError(name)
    return conn.execute(f"SELECT * FROM docs WHERE owner = '{owner}'").fetchall()  # error: BL301


def check_does_not_leave(conn: sqlite3.Connection, k) -> list:
    if not isinstance(k, int):
        print("not an int")
    return conn.execute(f"SELECT * FROM docs LIMIT {k}").fetchall()  # error: BL301


def checked_in_other_branch(conn: sqlite3.Connection, k, fast: bool) -> list:
    if fast:
        if not isinstance(k, int):
            raise ValueError(k)
    return conn.execute(f"SELECT * FROM docs LIMIT {k}").fetchall()  # error: BL301


def string_type_is_no_proof(conn: sqlite3.Connection, name) -> list:
    if not isinstance(name, str):
        raise TypeError(name)
    return conn.execute(f"SELECT * FROM docs WHERE owner = '{name}'").fetchall()  # error: BL301
