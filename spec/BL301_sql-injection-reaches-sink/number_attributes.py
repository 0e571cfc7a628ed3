"""Numbers kept on the instance or read from the cursor, and text kept the same way."""

import sqlite3


class Retriever:
    def __init__(self, conn: sqlite3.Connection, top_k: int = 10, owner: str = "me",
                 page=None) -> None:
        self.conn = conn
        self._top_k = top_k
        self._owner = owner
        self._pages = len(page or [])
        self._page = page

    def search(self) -> list:
        return self.conn.execute(
            f"SELECT * FROM docs ORDER BY score DESC LIMIT {self._top_k} OFFSET {self._pages}"
        ).fetchall()

    def mine(self) -> list:
        return self.conn.execute(
            f"SELECT * FROM docs WHERE owner = '{self._owner}'"  # error: BL301
        ).fetchall()

    def paged(self) -> list:
        return self.conn.execute(f"SELECT * FROM docs LIMIT {self._page}").fetchall()  # error: BL301


def inserted(conn: sqlite3.Connection, name: str) -> list:
    cursor = conn.cursor()
    cursor.execute("INSERT INTO docs (name) VALUES (?)", (name,))
    cursor.execute(f"SELECT * FROM docs WHERE rowid = {cursor.lastrowid}")
    return cursor.fetchall()
