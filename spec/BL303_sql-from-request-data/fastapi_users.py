"""FastAPI user lookups on PostgreSQL through asyncpg."""

from typing import Annotated, Optional

import asyncpg
from fastapi import Depends, FastAPI, Query

app = FastAPI()


async def get_conn() -> asyncpg.Connection:
    return await asyncpg.connect("postgresql://app@db/users")


@app.get("/users")
async def list_users(username: str, conn: asyncpg.Connection = Depends(get_conn)):
    return await conn.fetch(f"SELECT * FROM users WHERE username = '{username}'")  # error: BL303


@app.get("/users/search")
async def search_users(q: Annotated[str, Query(max_length=50)],
                       conn: asyncpg.Connection = Depends(get_conn)):
    return await conn.fetch("SELECT * FROM users WHERE bio LIKE '%" + q + "%'")  # error: BL303


@app.get("/users/filter")
async def filter_users(order: Optional[str] = None, conn: asyncpg.Connection = Depends(get_conn)):
    return await conn.fetch("SELECT * FROM users ORDER BY {}".format(order))  # error: BL303


# ---- clean ---------------------------------------------------------------------------------

@app.get("/users/{user_id}")
async def get_user(user_id: int, conn: asyncpg.Connection = Depends(get_conn)):
    await conn.fetchrow(f"SELECT * FROM users WHERE id = {user_id}")
    return await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)


async def helper(username: str, conn: asyncpg.Connection):
    # Not an endpoint: `username` is not known to be request data (that is BL301's case).
    return await conn.fetch("SELECT * FROM users WHERE username = $1", username)
