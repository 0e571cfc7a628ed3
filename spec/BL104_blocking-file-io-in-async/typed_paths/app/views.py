"""Handlers that get their paths from project helpers."""

from typing import IO
import io

from app.paths import Storage, exports_dir, media_name, media_root, scratch


async def read_media(name: str) -> str:
    return media_root().joinpath(name).read_text()  # error: BL104


async def prepare() -> None:
    root = media_root()
    root.mkdir(parents=True, exist_ok=True)  # error: BL104
    exports_dir().joinpath("index.json").write_text("{}")  # error: BL104


async def build() -> None:
    with scratch() as folder:
        (folder / "out.txt").write_text("done")  # error: BL104


async def names(name: str) -> str:
    # A string, not a path: nothing touches the disk.
    return media_name(name).upper()


async def copy_out(source: IO[str], target: io.TextIOWrapper) -> None:
    target.write(source.read())  # error: BL104


async def from_memory(buffer: io.StringIO) -> str:
    return buffer.read()


async def stored(storage: Storage) -> bytes:
    # A field of a class from another module: not typed yet (a known miss).
    return storage.root.joinpath(storage.name).read_bytes()
