"""FastAPI routes that wait for a background job to finish."""

import asyncio
import time
from time import sleep as pause

from fastapi import APIRouter, HTTPException

from app.jobs import JobStore

router = APIRouter(prefix="/jobs")
store = JobStore()


@router.get("/{job_id}/wait")
async def wait_for_job(job_id: str) -> dict:
    for _ in range(20):
        job = await store.get(job_id)
        if job.done:
            return job.as_dict()
        time.sleep(0.5)  # error: BL101
    raise HTTPException(status_code=504, detail="job still running")


@router.post("/{job_id}/retry")
async def retry_job(job_id: str) -> dict:
    await store.reset(job_id)
    pause(1)  # error: BL101
    return {"status": "queued"}


async def backoff(attempt: int) -> None:
    import time as clock

    clock.sleep(2 ** attempt)  # error: BL101


async def heartbeat() -> None:
    # The async sleep is the right call.
    await asyncio.sleep(5)


@router.get("/sync-status/{job_id}")
def sync_status(job_id: str) -> dict:
    # A sync endpoint runs in FastAPI's thread pool: sleeping there is fine.
    time.sleep(0.1)
    return {"job": job_id}


async def schedule_cleanup(loop: asyncio.AbstractEventLoop) -> None:
    def cleanup() -> None:
        # Runs in a worker thread, not on the event loop.
        time.sleep(10)

    await loop.run_in_executor(None, cleanup)
    await asyncio.to_thread(time.sleep, 1)
    loop.call_later(1, lambda: time.sleep(0))


async def throttle(time) -> None:  # noqa: A002 - a parameter shadowing the module
    time.sleep(1)


class Poller:
    interval = time.sleep  # a class attribute, not a call

    async def poll(self) -> None:
        await asyncio.sleep(self.interval_seconds())

    def interval_seconds(self) -> float:
        time.sleep(0.01)
        return 1.0
