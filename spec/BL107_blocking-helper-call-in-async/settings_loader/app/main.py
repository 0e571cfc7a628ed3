"""FastAPI app whose handlers call sync helpers from another module."""

import asyncio

from fastapi import FastAPI

from app import config
from app.config import default_timeout, feature_flags, load_settings, refresh_settings

app = FastAPI()


@app.get("/settings")
async def show_settings() -> dict:
    return load_settings()  # error: BL107


@app.get("/flags")
async def flags() -> dict:
    return {"flags": feature_flags(), "timeout": default_timeout()}  # error: BL107


@app.get("/reload")
async def reload() -> dict:
    # The same helper as in show_settings(): reported once there, this call is related.
    fresh = config.load_settings("override.json")
    await refresh_settings()
    return fresh


@app.get("/offloaded")
async def offloaded() -> dict:
    # Handed to a worker thread: not called on the event loop.
    return await asyncio.to_thread(load_settings)


@app.get("/sync")
def sync_settings() -> dict:
    return load_settings()
