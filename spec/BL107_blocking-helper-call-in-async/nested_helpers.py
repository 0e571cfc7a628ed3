"""One module: nested helpers, thread-wrapped helpers and helpers that do not block."""

import asyncio
import time

from asgiref.sync import sync_to_async


def wait_for_lock(path: str) -> None:
    while True:
        time.sleep(0.1)


def slugify(title: str) -> str:
    return title.lower().replace(" ", "-")


@sync_to_async
def compute_report(day: str) -> dict:
    wait_for_lock(day)
    return {"day": day}


async def handler(title: str) -> dict:
    def prepare() -> None:
        wait_for_lock(title)

    def never_called() -> None:
        wait_for_lock(title)

    prepare()  # error: BL107
    report = await compute_report(title)
    await asyncio.to_thread(never_called)
    return {"slug": slugify(title), "report": report}


async def poll(path: str) -> None:
    wait_for_lock(path)  # error: BL107
    time.sleep(1)
