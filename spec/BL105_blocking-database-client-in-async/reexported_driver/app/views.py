"""Handlers that reach the sync driver through the project's own re-export."""

from app import compat
from app.compat import sqlite3
from app.store import open_db


async def count(path: str) -> int:
    connection = sqlite3.connect(path)  # error: BL105
    return connection.total_changes


async def count_again(path: str) -> int:
    return compat.sqlite3.connect(path).total_changes  # error: BL105


async def through_helper(path: str):
    # BL107 (not run in this folder) reports this one.
    return open_db(path)
