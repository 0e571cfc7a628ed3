"""Sessions whose default timeout the project sets in one place."""
import functools

import aiohttp
import psycopg
import redis
import requests
from requests.adapters import HTTPAdapter


class TimeoutSession(requests.Session):
    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", 10)
        return super().request(method, url, **kwargs)


api = TimeoutSession()


def products() -> list:
    return api.get("https://catalog.example.com/products").json()


legacy = requests.Session()
legacy.request = functools.partial(legacy.request, timeout=15)


def legacy_products() -> list:
    return legacy.get("https://legacy.example.com/products").json()


cache = redis.Redis(host="cache", socket_timeout=2)
db = psycopg.connect("dbname=app connect_timeout=5")


async def feed() -> str:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as session:
        async with session.get("https://feed.example.com") as response:
            return await response.text()
