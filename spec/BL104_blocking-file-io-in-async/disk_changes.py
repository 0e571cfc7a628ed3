"""Creating, moving and removing files, temporary files, TLS setup and imports in handlers."""

import importlib
import io
import os
import shutil
import ssl
import tempfile
from pathlib import Path

MEDIA = Path("/srv/media")


async def store_avatar(user_id: int, data: bytes) -> None:
    os.makedirs(f"/srv/avatars/{user_id}", exist_ok=True)  # error: BL104
    folder = MEDIA / "avatars" / str(user_id)
    folder.mkdir(parents=True, exist_ok=True)  # error: BL104
    (folder / "avatar.png").write_bytes(data)  # error: BL104


async def rotate(name: str) -> None:
    os.rename(f"/srv/logs/{name}", f"/srv/logs/{name}.1")  # error: BL104
    os.remove(f"/srv/logs/{name}.2")  # error: BL104
    MEDIA.joinpath("old", name).unlink(missing_ok=True)  # error: BL104
    shutil.make_archive("/srv/backup/logs", "zip", "/srv/logs")  # error: BL104


async def scratch() -> str:
    with tempfile.NamedTemporaryFile("w", delete=False) as handle:  # error: BL104
        handle.write("x")
    return tempfile.mkdtemp()  # error: BL104


async def client_context() -> ssl.SSLContext:
    context = ssl.create_default_context()  # error: BL104
    context.load_cert_chain("/etc/app/client.pem")  # error: BL104
    return context


async def load_plugin(name: str) -> object:
    return importlib.import_module(f"plugins.{name}")  # error: BL104


async def read_code(path: str) -> bytes:
    with io.open_code(path) as handle:  # error: BL104
        return handle.read()


async def from_descriptor(fd: int) -> str:
    with os.fdopen(fd) as handle:  # error: BL104
        return handle.read()


async def walk_media() -> list:
    return [name for _, _, names in os.walk("/srv/media") for name in names]  # error: BL104
