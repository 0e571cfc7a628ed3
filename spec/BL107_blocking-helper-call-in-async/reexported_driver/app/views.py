"""A helper that blocks through the project's re-export of the sqlite3 module."""

from app.store import open_db


async def through_helper(path: str):
    return open_db(path)  # error: BL107
