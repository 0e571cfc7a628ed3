"""A connection per request is how asyncpg works without a pool: not reported."""

import asyncpg
from fastapi import APIRouter

router = APIRouter()


@router.get("/health/db")
async def db_health() -> dict[str, bool]:
    connection = await asyncpg.connect("postgresql://app@db/app")
    try:
        await connection.execute("SELECT 1")
    finally:
        await connection.close()
    return {"ok": True}
