from app.compat import sqlite3


def open_db(path: str):
    return sqlite3.connect(path)
