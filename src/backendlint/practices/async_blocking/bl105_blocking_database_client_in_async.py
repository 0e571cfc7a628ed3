"""Sync database and cache clients inside `async def`."""

from __future__ import annotations

from backendlint.practices.async_blocking.detection import BlockingCallRule


class BlockingDatabaseClientInAsync(BlockingCallRule):
    """## What it does
    Checks for sync database and cache clients inside an `async def`: `sqlite3`, `psycopg2`,
    sync `psycopg`, `pymysql`, `MySQLdb` and `mysql.connector` connections and cursors, sync
    SQLAlchemy (engine connections, `Session` queries and commits), `redis.Redis`, `pymongo`
    and `boto3` clients.

    ## Why is this bad?
    Each query waits for the database server while the whole event loop is stopped; under
    load, requests queue behind one slow query.

    ## Example
    ```python
    from fastapi import Depends
    from sqlalchemy.orm import Session


    async def list_users(db: Session = Depends()) -> list:
        return db.query(object).all()
    ```

    Use instead:
    ```python
    from fastapi import Depends
    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import AsyncSession


    async def list_users(db: AsyncSession = Depends()) -> list:
        return list((await db.execute(select(object))).scalars())
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `redis.Redis.get` or `sqlalchemy.orm.Session.commit`.
    - `extra-blocking-calls`: the project's own blocking calls, as qualified names or fnmatch
      patterns (`mylib.db.*`). They are reported here, since in-house clients are most often
      data stores, unless an entry names another code after a colon
      (`"mylib.http.*:BL102"`); BL107 follows them through helpers too.

    ## Fix safety
    There is no fix: async drivers have different APIs.
    """

    code = "BL105"
    name = "blocking-database-client-in-async"
    kind = "is a sync database or cache call"
    hint = ("use an async driver (asyncpg, aiosqlite, redis.asyncio, motor, SQLAlchemy "
            "`AsyncSession`, aioboto3) or `await asyncio.to_thread(...)`")
