"""A WHERE clause built by one method and executed by another."""

import sqlite3


class People:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def search(self, name: str, city: str) -> list:
        return self.conn.execute(f"SELECT * FROM people WHERE {self._where(name, city)}").fetchall()

    def _where(self, name: str, city: str) -> str:
        if city:
            return f"name = '{name}' AND city = '{city}'"  # error: BL301 "_where()"
        return f"name = '{name}'"  # error: BL301 "name"


class Orders:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _where(self, status: str) -> str:
        return "status = ?"

    def listing(self, status: str) -> list:
        return self.conn.execute(f"SELECT * FROM orders WHERE {self._where(status)}",
                                 (status,)).fetchall()


class Search:
    def __init__(self, client, table: str) -> None:
        self._client = client
        self.table = table

    def _statement(self, term: str, limit: int) -> str:
        return f"SELECT * FROM docs WHERE body LIKE '%{term}%' LIMIT {limit}"  # error: BL301 "_statement()"

    def query(self, term: str, limit: int, exact: bool) -> list:
        if exact:
            statement = f"SELECT * FROM docs WHERE body = '{term}'"
        else:
            statement = self._statement(term, limit)
        return self._client.query(statement)  # error: BL301 "on line 41"
