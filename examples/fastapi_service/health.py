"""Liveness and readiness probes for the orchestrator."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    # The sleep used to be time.sleep; the suppression outlived the fix.
    await asyncio.sleep(0)  # noqa: BL101
    return {"status": "ok"}


@router.get("/readyz")
async def readyz() -> dict[str, str]:
    try:
        await asyncio.wait_for(asyncio.sleep(0), timeout=1)
    except Exception as error:
        # BL801: the exception's text (hostnames, ports, driver versions) goes to the caller.
        raise HTTPException(status_code=503, detail=f"not ready: {error}") from error
    return {"status": "ready"}
