"""The project's own thread offloading decorator."""

import asyncio
import functools


def offload(function):
    @functools.wraps(function)
    async def wrapper(*args, **kwargs):
        return await asyncio.to_thread(function, *args, **kwargs)

    return wrapper
