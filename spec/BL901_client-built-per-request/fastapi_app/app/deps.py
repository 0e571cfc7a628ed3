"""Per-request dependencies."""

from collections.abc import AsyncIterator
from typing import Annotated

import httpx
import redis.asyncio as aioredis
from fastapi import Depends

from app.settings import RATES_URL, REDIS_URL


async def get_cache() -> AsyncIterator[aioredis.Redis]:
    cache = aioredis.from_url(REDIS_URL)  # error: BL901 "in dependency `get_cache` (`Depends`)"
    try:
        yield cache
    finally:
        await cache.aclose()


async def get_rates_client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=RATES_URL) as client:  # error: BL901 "closes it again"
        yield client


Cache = Annotated[aioredis.Redis, Depends(get_cache)]
