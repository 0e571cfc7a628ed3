"""FastAPI upload and export endpoints that touch the disk."""

import asyncio
import io
import json
import shutil
from pathlib import Path

import aiofiles
from fastapi import APIRouter, UploadFile

router = APIRouter(prefix="/files")
MEDIA_ROOT = Path("/srv/media")


@router.post("/upload")
async def upload(file: UploadFile) -> dict:
    data = await file.read()
    with open(f"/srv/media/{file.filename}", "wb") as target:  # error: BL104
        target.write(data)
    return {"size": len(data)}


@router.get("/manifest")
async def manifest() -> dict:
    manifest_path = Path("/srv/media/manifest.json")
    return json.loads(manifest_path.read_text(encoding="utf-8"))  # error: BL104


@router.post("/export/{name}")
async def export(name: str, rows: list) -> dict:
    export_dir = Path("/srv/exports")
    (export_dir / name).write_text(json.dumps(rows))  # error: BL104
    export_dir.joinpath(f"{name}.json").write_text(json.dumps(rows))  # error: BL104
    shutil.copy(f"/srv/exports/{name}.json", "/srv/backup/")  # error: BL104
    return {"ok": True}


@router.delete("/cache")
async def clear_cache() -> dict:
    shutil.rmtree("/srv/cache", ignore_errors=True)  # error: BL104
    return {"cleared": True}


async def read_legacy(path: str) -> bytes:
    with io.open(path, "rb") as handle:  # error: BL104
        return handle.read()


class AvatarStore:
    def __init__(self, root: str) -> None:
        self.root = Path(root)

    async def load(self, user_id: int) -> bytes:
        return self.root.read_bytes()  # error: BL104


@router.get("/good/{name}")
async def good_read(name: str) -> bytes:
    # aiofiles and worker threads are the non-blocking ways.
    async with aiofiles.open(f"/srv/media/{name}", "rb") as handle:
        content = await handle.read()
    text = await asyncio.to_thread(Path(f"/srv/media/{name}.txt").read_text)
    return content + text.encode()


@router.get("/sync/{name}")
def sync_read(name: str) -> str:
    # Sync endpoints run in the thread pool.
    with open(f"/srv/media/{name}") as handle:
        return handle.read()


async def buffer_report(rows: list) -> str:
    # In-memory streams are not file I/O.
    buffer = io.StringIO()
    json.dump(rows, buffer)
    return buffer.getvalue()


async def open_ticket(open) -> None:  # noqa: A002 - shadows the builtin on purpose
    open("ticket")
