"""A sync method that returns an awaitable is awaited: nothing blocks on the call itself."""

import asyncio
import shutil


class Storage:
    def _copy(self, source: str, target: str) -> "asyncio.Future[None]":
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(None, shutil.copyfile, source, target)

    def copy_now(self, source: str, target: str) -> None:
        shutil.copyfile(source, target)


storage = Storage()


async def publish(source: str) -> None:
    await storage._copy(source, "/srv/public/" + source)


async def publish_blocking(source: str) -> None:
    storage.copy_now(source, "/srv/public/" + source)  # error: BL107
