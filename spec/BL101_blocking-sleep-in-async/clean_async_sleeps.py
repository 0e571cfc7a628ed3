"""Waiting without blocking: asyncio and anyio sleeps, and time.sleep where no loop runs."""

import asyncio
import time

import anyio


async def backoff(attempt: int) -> None:
    await asyncio.sleep(0.1 * 2**attempt)
    await anyio.sleep(0)


def retry_sync(attempt: int) -> None:
    time.sleep(0.1 * attempt)


async def in_a_thread() -> None:
    await asyncio.to_thread(time.sleep, 1)
