"""Names read from the database's own catalog, and names read from ordinary rows."""

import sqlite3


def row_counts(conn: sqlite3.Connection) -> dict:
    tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    counts = {}
    for row in tables:
        name = row[0]
        counts[name] = conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0]
    return counts


def indexes(conn: sqlite3.Connection) -> list:
    cur = conn.cursor()
    cur.execute("""
        SELECT name FROM sqlite_master
        WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
    """)
    found = []
    for (table,) in cur.fetchall():
        found.extend(conn.execute(f"PRAGMA index_list([{table}])").fetchall())
    return found


def mysql_tables(cur) -> list:
    cur.execute("SHOW TABLES")
    return [cur.execute(f"SELECT * FROM `{t}` LIMIT 1") for (t,) in cur.fetchall()]


def user_tables(conn: sqlite3.Connection) -> list:
    rows = conn.execute("SELECT table_name FROM user_reports").fetchall()
    out = []
    for row in rows:
        out.append(conn.execute(f"SELECT * FROM [{row[0]}]").fetchall())  # error: BL304
    return out


def after_another_query(conn: sqlite3.Connection, owner: str) -> list:
    cur = conn.cursor()
    cur.execute("SELECT name FROM sqlite_master")
    cur.execute("SELECT label FROM tags WHERE owner = ?", (owner,))
    return [conn.execute(f"SELECT * FROM [{label}]") for (label,) in cur.fetchall()]  # error: BL304
