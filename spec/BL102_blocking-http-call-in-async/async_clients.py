"""The right way: async clients, and sync clients handed to a thread."""

import asyncio
import functools

import httpx
import requests
from asgiref.sync import sync_to_async
from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

router = APIRouter()


@router.get("/rates")
async def exchange_rates() -> dict:
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.get("https://api.example.com/rates")
    return response.json()


@router.get("/legacy")
async def legacy_rates() -> dict:
    # Sync clients handed over to a worker thread are not called on the loop.
    first = await asyncio.to_thread(requests.get, "https://legacy.example.com/rates")
    second = await run_in_threadpool(requests.get, "https://legacy.example.com/fx")
    third = await sync_to_async(requests.get)("https://legacy.example.com/other")
    loop = asyncio.get_running_loop()
    fourth = await loop.run_in_executor(
        None, functools.partial(requests.get, "https://legacy.example.com/more", timeout=3)
    )
    return {"a": first.json(), "b": second.json(), "c": third.json(), "d": fourth.json()}


@router.get("/sync-rates")
def sync_rates() -> dict:
    # Sync FastAPI endpoints run in the thread pool.
    return requests.get("https://api.example.com/rates", timeout=5).json()


async def notify(requests: "NotificationQueue", user_id: int) -> None:
    # `requests` here is a parameter, not the library.
    requests.get(user_id)


async def cached_rates(cache: dict) -> dict:
    # `.get()` on a dict or an unknown receiver is not HTTP.
    return cache.get("rates") or {}


async def build_fetcher() -> None:
    def fetch(url: str) -> bytes:
        return requests.get(url).content

    data = await asyncio.to_thread(fetch, "https://example.com")
    print(len(data))


class NotificationQueue:
    def get(self, user_id: int) -> None:
        print(user_id)
