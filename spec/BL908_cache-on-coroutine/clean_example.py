"""Caches that keep awaited values, and result caches on plain functions."""

import functools
from functools import lru_cache

from aiocache import cached
from async_lru import alru_cache


@alru_cache(maxsize=32)
async def exchange_rate(currency: str) -> float:
    return 1.0


@cached(ttl=60)
async def feature_flags() -> dict[str, bool]:
    return {"beta": True}


@lru_cache
def get_settings() -> dict[str, str]:
    return {}


@functools.cache
def parse_jwks(text: str) -> dict[str, str]:
    return {}


_rates: dict[str, float] = {}


async def cached_rate(currency: str) -> float:
    if currency not in _rates:
        _rates[currency] = await exchange_rate(currency)
    return _rates[currency]


def lru_cache_report() -> None:
    """A name that only looks like a cache."""
