"""Liveness and readiness probes for the orchestrator."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter

router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    # The sleep used to be time.sleep; the suppression outlived the fix.
    await asyncio.sleep(0)  # noqa: BL101
    return {"status": "ok"}
