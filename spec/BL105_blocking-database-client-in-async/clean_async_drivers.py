"""Async drivers in handlers; the sync driver only in a startup script."""

import sqlite3

import aiosqlite
from sqlalchemy.orm import Session
from redis import asyncio as aioredis


async def count_users() -> int:
    async with aiosqlite.connect("app.db") as db:
        async with db.execute("SELECT count(*) FROM users") as cursor:
            row = await cursor.fetchone()
    return row[0]


async def cached(key: str) -> bytes:
    client = aioredis.Redis()
    return await client.get(key)


def migrate() -> None:
    connection = sqlite3.connect("app.db")
    connection.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER)")


async def awaited_query(db: Session) -> None:
    # Awaited: whatever the annotation says, the call returns an awaitable (an AsyncSession
    # annotated as Session); nothing blocks at the call.
    await db.execute("SELECT 1")
