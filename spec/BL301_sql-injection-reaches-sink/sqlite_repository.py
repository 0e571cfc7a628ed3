"""A small sqlite3 repository used by an internal admin tool."""

import sqlite3
from typing import Optional

DATABASE = "inventory.db"
USERS_TABLE = "users"
PAGE_SIZE = 50


def get_connection() -> sqlite3.Connection:
    return sqlite3.connect(DATABASE)


def find_user_by_email(email: str) -> Optional[tuple]:
    conn = get_connection()
    cur = conn.cursor()
    cur.execute(f"SELECT id, email FROM users WHERE email = '{email}'")  # error: BL301
    return cur.fetchone()


def find_user_by_id(user_id: str) -> Optional[tuple]:
    conn = sqlite3.connect(DATABASE)
    return conn.execute("SELECT id, email FROM users WHERE id = %s" % user_id).fetchone()  # error: BL301


def find_by_name(first: str, last: str) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    cur.execute("SELECT * FROM users WHERE first = '{}' AND last = '{}'".format(first, last))  # error: BL301
    return cur.fetchall()


def search_products(name: str, category: Optional[str] = None) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    query = "SELECT id, name, price FROM products WHERE name LIKE '%" + name + "%'"
    if category:
        query += " AND category = '" + category + "'"
    cur.execute(query)  # error: BL301
    return cur.fetchall()


def orders_report(status: str, since: str) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    cur.execute(  # +1: error: BL301
        f"""
        SELECT o.id, o.total, c.name
        FROM orders o
        JOIN customers c ON c.id = o.customer_id
        WHERE o.status = '{status}'
          AND o.created_at >= '{since}'
        ORDER BY o.created_at DESC
        """
    )
    return cur.fetchall()


def sorted_users(column: str) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    cur.execute(f"SELECT * FROM users ORDER BY {column}")
    return cur.fetchall()


def list_columns(columns: list) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    cur.execute("SELECT " + ", ".join(columns) + " FROM users")
    return cur.fetchall()


# ---- clean: parameters, constants and placeholder lists ----------------------------------

def find_user_safely(email: str) -> Optional[tuple]:
    cur = sqlite3.connect(DATABASE).cursor()
    cur.execute("SELECT id, email FROM users WHERE email = ?", (email,))
    return cur.fetchone()


def users_by_ids(ids: list[int]) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    placeholders = ", ".join("?" * len(ids))
    cur.execute(f"SELECT * FROM users WHERE id IN ({placeholders})", ids)
    marks = ",".join(["?"] * len(ids))
    cur.execute("SELECT * FROM orders WHERE user_id IN (" + marks + ")", ids)
    return cur.fetchall()


def page_of_users(page: int) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    offset = int(page) * PAGE_SIZE
    cur.execute(f"SELECT * FROM {USERS_TABLE} LIMIT {PAGE_SIZE} OFFSET {offset}")
    cur.execute("SELECT * FROM " + USERS_TABLE + " WHERE active = ?", (1,))
    return cur.fetchall()


def count_rows(ids: list[int]) -> int:
    cur = sqlite3.connect(DATABASE).cursor()
    cur.execute(f"SELECT * FROM users LIMIT {len(ids)}")
    return len(cur.fetchall())


SORTABLE = {"name": "name", "created": "created_at"}


def sorted_safely(sort: str, descending: bool) -> list:
    cur = sqlite3.connect(DATABASE).cursor()
    direction = "DESC" if descending else "ASC"
    cur.execute(f"SELECT * FROM users ORDER BY {SORTABLE[sort]} {direction}")
    return cur.fetchall()


def search_with_filters(name: Optional[str], city: Optional[str]) -> list:
    clauses = ["1 = 1"]
    params: list = []
    if name:
        clauses.append("name = ?")
        params.append(name)
    if city:
        clauses.append("city = ?")
        params.append(city)
    sql = "SELECT * FROM users WHERE " + " AND ".join(clauses)
    cur = sqlite3.connect(DATABASE).cursor()
    cur.execute(sql, params)
    return cur.fetchall()


def validate_choice(choice: str, allowed: list) -> None:
    if choice not in allowed:
        raise ValueError(f"Please select a value from the list: {allowed}")
    print(f"Selected {choice} from the menu")
