"""Report routes: async handlers that (wrongly) block the event loop in several ways."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time

import httpx
import redis
import requests
from fastapi import APIRouter, HTTPException

from services.storage import report_url, save_report

router = APIRouter(prefix="/reports")
cache = redis.Redis(host="cache", port=6379)
TEMPLATE_DIR = "/srv/templates"


@router.post("/{name}")
async def create_report(name: str, payload: dict) -> dict:
    # BL107: save_report() is a sync helper that opens a file (services/storage.py).
    path = save_report(name, payload)
    # BL105: a sync Redis client on the event loop.
    cache.set(f"report:{name}", str(path))
    return {"url": report_url(name)}


@router.get("/{name}/pdf")
async def render_pdf(name: str) -> dict:
    # BL108: a cheap filesystem check, still a blocking syscall.
    if not os.path.exists(f"/srv/reports/{name}.json"):
        raise HTTPException(status_code=404)
    # BL103: waits for wkhtmltopdf with the loop stopped.
    subprocess.run(["wkhtmltopdf", f"/srv/reports/{name}.html", f"/srv/reports/{name}.pdf"],
                   check=True)
    return {"pdf": f"/media/reports/{name}.pdf"}


@router.get("/{name}/template")
async def report_template(name: str) -> str:
    # BL104: sync file I/O.
    with open(os.path.join(TEMPLATE_DIR, f"{name}.html"), encoding="utf-8") as handle:
        return handle.read()


@router.post("/{name}/publish")
async def publish(name: str) -> dict:
    # BL102: the sync requests client.
    requests.post("https://cdn.example.com/purge", json={"path": report_url(name)}, timeout=5)
    # BL101: time.sleep stops every request on this worker (the fix awaits asyncio.sleep).
    time.sleep(1)
    # Clean: the async client, and the sync helper handed to a worker thread.
    async with httpx.AsyncClient() as client:
        await client.post("https://hooks.example.com/published", json={"name": name})
    await asyncio.to_thread(save_report, f"{name}-published", {"name": name})
    return {"published": True}


@router.get("/{name}/sync-preview")
def sync_preview(name: str) -> dict:
    # Clean: sync endpoints run in FastAPI's thread pool.
    time.sleep(0.1)
    return {"path": str(save_report(f"{name}-preview", {}))}
