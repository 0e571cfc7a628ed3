"""Account queries on PostgreSQL through psycopg2 and psycopg 3."""

import psycopg
import psycopg2
from psycopg import sql
from psycopg2 import sql as pg2sql

DSN = "postgresql://app@db/accounts"


def account_by_owner(owner: str):
    with psycopg2.connect(DSN) as conn:
        with conn.cursor() as cur:
            cur.execute(f"SELECT id, balance FROM accounts WHERE owner = '{owner}'")  # error: BL301
            return cur.fetchone()


def close_account(account_id: str, reason: str) -> None:
    with psycopg.connect(DSN) as conn:
        conn.execute(f"UPDATE accounts SET closed_reason = '{reason}' WHERE id = {account_id}")  # error: BL301


def archive(table: str, days: int) -> None:
    with psycopg.connect(DSN) as conn:
        cur = conn.cursor()
        statement = "DELETE FROM " + table
        statement += f" WHERE created_at < now() - interval '{days} days'"
        cur.execute(statement)


def bulk_insert(rows: list, source: str) -> None:
    conn = psycopg2.connect(DSN)
    cur = conn.cursor()
    cur.executemany(f"INSERT INTO ledger (amount, source) VALUES (%s, '{source}')", rows)  # error: BL301


# ---- clean: psycopg's composition API and bound parameters --------------------------------

def account_rows(table: str, owner: str):
    with psycopg.connect(DSN) as conn:
        query = sql.SQL("SELECT * FROM {} WHERE owner = {}").format(
            sql.Identifier(table), sql.Placeholder())
        return conn.execute(query, (owner,)).fetchall()


def count_in(table: str) -> int:
    conn = psycopg2.connect(DSN)
    cur = conn.cursor()
    cur.execute(pg2sql.SQL("SELECT count(*) FROM {}").format(pg2sql.Identifier(table)))
    stmt = f"SELECT count(*) FROM {sql.Identifier(table)} WHERE owner = %s"
    cur.execute(stmt, ("ops",))
    return cur.fetchone()[0]


def account_by_owner_safely(owner: str):
    with psycopg2.connect(DSN) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT id, balance FROM accounts " + "WHERE owner = %s", (owner,))
            return cur.fetchone()
