"""Search endpoints: the SQL comes from the helpers module."""

import sqlite3

from .queries import build_count_query, build_safe_query, build_search_query


def search(term: str, category: str) -> dict:
    cur = sqlite3.connect("articles.db").cursor()
    cur.execute(build_search_query(term, category))
    rows = cur.fetchall()
    count_sql = build_count_query(term)
    cur.execute(count_sql)
    return {"rows": rows, "count": cur.fetchone()[0]}


def latest(limit: int) -> list:
    cur = sqlite3.connect("articles.db").cursor()
    cur.execute(build_safe_query(limit))
    return cur.fetchall()
