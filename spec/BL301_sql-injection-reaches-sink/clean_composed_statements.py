"""SQL composed with psycopg 3's API or passed as a template object: safe by construction.

(PEP 750 t-strings, `conn.execute(t"... {name}")`, need Python 3.14 to parse; on an older
interpreter backendlint reports BL001 for the file, see tests/test_sql_building.py.)
"""

from string.templatelib import Template

import psycopg
from psycopg import sql


def by_owner(conn: psycopg.Connection, table: str, owner: str) -> list:
    query = sql.SQL("SELECT * FROM {} WHERE owner = {}").format(
        sql.Identifier(table), sql.Placeholder())
    return conn.execute(query, (owner,)).fetchall()


def named(conn: psycopg.Connection, table: str, column: str, value: str) -> list:
    query = sql.SQL("SELECT {col} FROM {tbl} WHERE {col} = {val}").format(
        col=sql.Identifier(column), tbl=sql.Identifier(table), val=sql.Literal(value))
    return conn.execute(query).fetchall()


def conditions(conn: psycopg.Connection, filters: dict) -> list:
    parts = [sql.SQL("{} = {}").format(sql.Identifier(key), sql.Literal(value))
             for key, value in filters.items()]
    where = sql.SQL(" AND ").join(parts)
    return conn.execute(sql.SQL("SELECT * FROM docs WHERE ") + where).fetchall()


def composed(conn: psycopg.Connection, table: str) -> list:
    query = sql.Composed([sql.SQL("SELECT * FROM "), sql.Identifier(table)])
    return conn.execute(query).fetchall()


def template_object(conn: psycopg.Connection, query: Template) -> list:
    return conn.execute(query).fetchall()
