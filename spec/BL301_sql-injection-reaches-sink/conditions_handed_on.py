"""Conditions joined from a comprehension, or handed to a builder whose result a sink runs."""

import sqlite3


class Store:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _where(self, filters: list) -> str:
        return " AND ".join(
            f"json_extract(meta, '$.{f.key}') = '{f.value}'"  # error: BL301 "joined by"
            for f in filters
        )

    def _bound_where(self, filters: list) -> str:
        return " AND ".join(f"json_extract(meta, '$.{k}') = ?" for k in ("a", "b"))

    def _listing(self, filters: list) -> str:
        return ", ".join(f"{f.key}='{f.value}'" for f in filters)

    def _build(self, where_str, limit: int) -> str:
        where_clause = f"WHERE {where_str}" if where_str else ""
        return f"SELECT * FROM docs {where_clause} LIMIT {limit}"

    def query(self, ids: list, limit: int) -> list:
        where_str = f"doc_id IN {tuple(ids)}" if ids else None  # error: BL301 "_build()"
        sql = self._build(where_str, limit)
        return self.conn.execute(sql).fetchall()

    def query_bound(self, ids: list, limit: int) -> list:
        marks = ", ".join("?" for _ in ids)
        where_str = f"doc_id IN ({marks})" if ids else None
        sql = self._build(where_str, limit)
        return self.conn.execute(sql, ids).fetchall()

    def query_not_run(self, ids: list, limit: int) -> str:
        where_str = f"doc_id IN {tuple(ids)}"
        return f"{where_str}, {limit}"
