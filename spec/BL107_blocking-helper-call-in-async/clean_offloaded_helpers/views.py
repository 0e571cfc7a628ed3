import asyncio

from helpers import load, load_wrapped, total


async def settings() -> dict:
    return await asyncio.to_thread(load, "settings.json")


async def wrapped() -> dict:
    return await load_wrapped("settings.json")


async def pure() -> int:
    return total([1, 2, 3])


def sync_view() -> dict:
    return load("settings.json")
