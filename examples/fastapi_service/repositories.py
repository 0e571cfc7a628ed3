"""Data access for the orders service (asyncpg)."""

from __future__ import annotations

from typing import Optional

import asyncpg
from fastapi import APIRouter, Depends

router = APIRouter(prefix="/orders")

SORTABLE_COLUMNS = {"created": "created_at", "total": "total"}


async def get_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn="postgresql://orders@db/orders")


class OrderRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def by_id(self, order_id: int) -> Optional[asyncpg.Record]:
        return await self.pool.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)

    async def by_customer(self, customer_email: str) -> list[asyncpg.Record]:
        # BL301: the e-mail is formatted into the SQL text; the fix binds it as $1.
        return await self.pool.fetch(
            f"SELECT * FROM orders WHERE customer_email = '{customer_email}'")

    async def page(self, sort: str, ids: list[int]) -> list[asyncpg.Record]:
        # Clean: the column comes from an allow-list, the placeholders from the id count.
        column = SORTABLE_COLUMNS.get(sort, "created_at")
        placeholders = ", ".join(f"${n}" for n in range(1, len(ids) + 1))
        return await self.pool.fetch(
            f"SELECT * FROM orders WHERE id IN ({placeholders}) ORDER BY {column}", *ids)


    async def archive(self, partition: str) -> None:
        # BL304: a caller's name for the table, interpolated as an identifier: allow-list it.
        await self.pool.execute(f"DROP TABLE IF EXISTS orders_{partition}")


def status_filter(status: str) -> str:
    # BL302: built here and handed to whoever runs it.
    return f"SELECT id, total FROM orders WHERE status = '{status}'"


@router.get("/search")
async def search_orders(coupon: str, pool: asyncpg.Pool = Depends(get_pool)):
    # BL303: `coupon` is a query parameter interpolated into the SQL.
    rows = await pool.fetch("SELECT * FROM orders WHERE coupon_code = '" + coupon + "'")
    return [dict(row) for row in rows]


@router.get("/{order_id}")
async def read_order(order_id: int, pool: asyncpg.Pool = Depends(get_pool)):
    return await OrderRepository(pool).by_id(order_id)
