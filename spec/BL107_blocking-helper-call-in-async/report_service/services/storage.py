"""Report storage on local disk, with a sync API used from async routes."""

import shutil
from pathlib import Path


class ReportStorage:
    def __init__(self, root: str) -> None:
        self.root = Path(root)

    def save(self, name: str, content: bytes) -> Path:
        target = self.root / name
        self._write(target, content)
        return target

    def _write(self, target: Path, content: bytes) -> None:
        with open(target, "wb") as handle:
            handle.write(content)

    def archive(self, name: str) -> None:
        shutil.move(str(self.root / name), str(self.root / "archive" / name))

    def url_for(self, name: str) -> str:
        return f"/media/reports/{name}"


class CachedStorage(ReportStorage):
    def warm(self) -> None:
        self.archive("stale.pdf")


def ping_a() -> None:
    ping_b()


def ping_b() -> None:
    # Mutual recursion with no blocking call: the fixpoint must not loop or flag it.
    ping_a()
