"""Helpers whose only blocking work is a cheap filesystem check are not BL107: the check itself
is a BL108 warning where it is written."""

import os
import shutil
from pathlib import Path

from fastapi import APIRouter

router = APIRouter()
UPLOADS = Path("/srv/uploads")


def upload_exists(name: str) -> bool:
    return os.path.exists(UPLOADS / name)


def archive_upload(name: str) -> None:
    if upload_exists(name):
        shutil.move(str(UPLOADS / name), "/srv/archive")


@router.head("/uploads/{name}")
async def head_upload(name: str) -> dict[str, bool]:
    return {"exists": upload_exists(name)}


@router.post("/uploads/{name}/archive")
async def archive(name: str) -> dict[str, str]:
    archive_upload(name)  # error: BL107
    return {"status": "archived"}
