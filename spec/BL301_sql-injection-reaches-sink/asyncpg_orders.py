"""FastAPI order endpoints backed by an asyncpg pool."""

import asyncpg
import databases
from fastapi import APIRouter, Depends

router = APIRouter()


async def get_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn="postgresql://app@db/shop")


async def orders_for(pool: asyncpg.Pool, customer_id: int, status: str) -> list:
    return await pool.fetch(f"SELECT * FROM orders WHERE customer_id = {customer_id} AND status = '{status}'")  # error: BL301


async def order_total(conn: asyncpg.Connection, order_id: str) -> float:
    return await conn.fetchval("SELECT total FROM orders WHERE id = '%s'" % order_id)  # error: BL301


async def latest_order(pool: asyncpg.Pool, email: str):
    async with pool.acquire() as conn:
        return await conn.fetchrow(f"SELECT * FROM orders WHERE email = '{email}' ORDER BY id DESC LIMIT 1")  # error: BL301


@router.get("/orders/{order_id}")
async def read_order(order_id: int, pool: asyncpg.Pool = Depends(get_pool)):
    # Clean: bound parameter, and an int-typed path parameter.
    row = await pool.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)
    lines = await pool.fetch(f"SELECT * FROM order_lines WHERE order_id = {order_id}")
    return {"order": dict(row), "lines": [dict(line) for line in lines]}


class OrderRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def by_reference(self, reference: str):
        return await self.pool.fetchrow(f"SELECT * FROM orders WHERE reference = '{reference}'")  # error: BL301

    async def by_ids(self, ids: list[int]) -> list:
        # Clean: numbered placeholders generated from range().
        placeholders = ", ".join(f"${n}" for n in range(1, len(ids) + 1))
        return await self.pool.fetch(f"SELECT * FROM orders WHERE id IN ({placeholders})", *ids)


database = databases.Database("postgresql://app@db/shop")


async def coupons_for(code: str) -> list:
    return await database.fetch_all(f"SELECT * FROM coupons WHERE code = '{code}'")  # error: BL301


async def coupons_safely(code: str) -> list:
    return await database.fetch_all("SELECT * FROM coupons WHERE code = :code", {"code": code})
