"""Where the app keeps its files: functions annotated to return paths, a scratch folder."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def media_root() -> Path:
    return Path("/srv/media")


def exports_dir():
    return Path("/srv/exports")


def media_name(name: str) -> str:
    return f"/srv/media/{name}"


@contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.gettempdir()) / "scratch"
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Storage:
    root: Path
    name: str

    async def load(self) -> bytes:
        return (self.root / self.name).read_bytes()  # error: BL104


async def load_from(storage: Storage) -> bytes:
    return storage.root.joinpath(storage.name).read_bytes()  # error: BL104
