"""Celery-adjacent async helpers with blocking sleeps that the fix rewrites."""

import time
from time import sleep

from app.tasks import poll_result


async def wait_for_result(task_id: str) -> str:
    while True:
        result = await poll_result(task_id)
        if result is not None:
            return result
        time.sleep(0.2)  # error: BL101


async def warm_up() -> None:
    sleep(1)  # error: BL101
    print("warm")
