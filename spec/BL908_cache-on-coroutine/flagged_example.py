"""Caches on coroutines, written the ways real services write them."""

import functools
from functools import cache, cached_property
from functools import lru_cache as memo

import cachetools
import cachetools.func
import httpx


@functools.lru_cache(maxsize=32)  # error: BL908@2 "coroutine object"
async def exchange_rate(currency: str) -> float:
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.get(f"https://rates.example.com/{currency}")
    return float(response.json()["rate"])


@memo  # error: BL908 "`@memo` on `async def feature_flags`"
async def feature_flags() -> dict[str, bool]:
    return {"beta": True}


@cache  # error: BL908
async def settings_document() -> dict[str, str]:
    return {}


@cachetools.cached(cache=cachetools.TTLCache(maxsize=100, ttl=60))  # error: BL908
async def tenant(tenant_id: int) -> dict[str, int]:
    return {"id": tenant_id}


@cachetools.func.ttl_cache(ttl=30)  # error: BL908
async def jwks() -> dict[str, str]:
    return {}


class Profile:
    def __init__(self, user_id: int) -> None:
        self.user_id = user_id

    @cached_property  # error: BL908
    async def avatar(self) -> bytes:
        return b""
