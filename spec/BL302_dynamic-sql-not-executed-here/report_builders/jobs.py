"""Nightly jobs: executes the stale-session query (so that one is BL301, not BL302)."""

import psycopg2

from .builders import stale_sessions_query


def purge(days: str) -> None:
    conn = psycopg2.connect("dbname=app")
    with conn.cursor() as cur:
        cur.execute(stale_sessions_query(days))
