"""The same work handed to threads, or done with async file APIs: nothing blocks the loop."""

import asyncio
import os
import shutil
import ssl
import tempfile
from pathlib import Path

import anyio

MEDIA = Path("/srv/media")
# Module level runs once at import time, not on the event loop.
CONTEXT = ssl.create_default_context()


async def store_avatar(user_id: int, data: bytes) -> None:
    await asyncio.to_thread(os.makedirs, f"/srv/avatars/{user_id}", exist_ok=True)
    folder = anyio.Path("/srv/media") / "avatars" / str(user_id)
    await folder.mkdir(parents=True, exist_ok=True)
    await (folder / "avatar.png").write_bytes(data)


async def rotate(name: str) -> None:
    await asyncio.to_thread(shutil.make_archive, "/srv/backup/logs", "zip", "/srv/logs")
    await anyio.to_thread.run_sync(os.remove, f"/srv/logs/{name}.2")


async def paths_only(name: str) -> str:
    # Building paths touches no disk.
    target = MEDIA / "old" / name
    return str(target.with_suffix(".bak").name) + os.path.join("a", name)


def sync_cleanup() -> None:
    tempfile.mkdtemp()
    os.remove("/tmp/x")
