"""Async media handlers that check the disk before answering."""

import asyncio
import os
import os.path
from os.path import getsize
from pathlib import Path

import anyio
from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/media")
MEDIA = Path("/srv/media")


@router.get("/avatars/{user_id}")
async def avatar(user_id: int) -> dict:
    path = f"/srv/avatars/{user_id}.png"
    if not os.path.exists(path):  # error: BL108
        raise HTTPException(status_code=404)
    return {"path": path, "size": getsize(path)}  # error: BL108


@router.get("/albums/{album}")
async def album(album: str) -> dict:
    folder = Path(f"/srv/media/{album}")
    if not folder.exists():  # error: BL108
        raise HTTPException(status_code=404)
    photos = [entry.name for entry in folder.iterdir()]  # error: BL108
    thumbs = sorted(p.name for p in folder.glob("*.thumb.jpg"))  # error: BL108
    return {"photos": photos, "thumbs": thumbs}


@router.get("/disk")
async def disk() -> dict:
    return {"entries": len(os.listdir("/srv/media")), "root": os.stat("/srv").st_mode}  # error: BL108, BL108


@router.get("/fast/{album}")
async def fast_album(album: str) -> dict:
    # anyio.Path and worker threads keep the loop free.
    folder = anyio.Path(f"/srv/media/{album}")
    exists = await folder.exists()
    names = await asyncio.to_thread(os.listdir, f"/srv/media/{album}")
    return {"exists": exists, "names": names}


@router.get("/sync/{album}")
def sync_album(album: str) -> dict:
    return {"exists": os.path.exists(f"/srv/media/{album}")}


async def media_url(name: str) -> str:
    # Path arithmetic does not touch the disk.
    relative = os.path.join("media", name)
    return str(Path(relative).with_suffix(".webp").name)
