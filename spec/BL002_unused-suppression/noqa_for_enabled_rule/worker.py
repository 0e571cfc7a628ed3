import asyncio
import time


async def heartbeat() -> None:
    await asyncio.sleep(5)  # noqa: BL101  # error: BL002


async def legacy_poll() -> None:
    time.sleep(5)  # noqa: BL101
