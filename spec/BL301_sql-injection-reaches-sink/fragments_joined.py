"""Conditions built one by one and joined: each is an injection where it is built."""

import sqlite3

import psycopg
from psycopg import sql


def search(conn: sqlite3.Connection, name, city) -> list:
    parts = []
    if name:
        parts.append(f"name = '{name}'")  # error: BL301 "name"
    if city:
        parts.append("city LIKE '%%%s%%'" % city)  # error: BL301 "city"
    where = " AND ".join(parts)
    return conn.execute(f"SELECT * FROM people WHERE {where}").fetchall()


def by_key(conn: psycopg.Connection, key, value) -> list:
    clauses = [sql.SQL("active")]
    clauses.append(f"metadata->>'{key}' = '{value}'")  # error: BL301 "value"
    query = sql.SQL("SELECT * FROM docs WHERE {}").format(sql.SQL(" AND ").join(clauses))
    return conn.execute(query).fetchall()


def composed(conn: psycopg.Connection, owner) -> list:
    query = sql.SQL(f"SELECT * FROM docs WHERE owner = '{owner}'")  # error: BL301 "owner"
    return conn.execute(query).fetchall()
