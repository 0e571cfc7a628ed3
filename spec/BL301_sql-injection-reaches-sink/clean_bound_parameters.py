"""Every value bound as a parameter: nothing to report."""

import sqlite3


def find(conn: sqlite3.Connection, name: str, city: str) -> list:
    parts, params = [], []
    if name:
        parts.append("name = ?")
        params.append(name)
    if city:
        parts.append("city LIKE ?")
        params.append(f"%{city}%")
    where = " AND ".join(parts) or "1 = 1"
    return conn.execute(f"SELECT * FROM people WHERE {where}", params).fetchall()
