"""The per-file result cache: one JSON entry per (content, settings, version, path)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Optional

from backendlint import __version__
from backendlint.engine import FileResult

CACHE_DIR_NAME = ".backendlint_cache"
# Bumped when the entry layout changes, so old entries are never read as new ones.
_FORMAT = "1"


def _code_fingerprint() -> str:
    """Size and mtime of backendlint's own modules: an edited checkout (same version number,
    different rules) must not reuse results computed by the old code."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        try:
            info = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, directory: Path, settings_fingerprint: str) -> None:
        self.directory = directory
        self.salt = (f"{_FORMAT}\0{__version__}\0{_code_fingerprint()}\0"
                     f"{settings_fingerprint}\0").encode()
        self._ready = False

    def key(self, display: str, module: str, data: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(display.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(module.encode())
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Optional[FileResult]:
        """The cached result, or None when absent, unreadable, corrupt or foreign."""
        try:
            raw = self._entry(key).read_bytes()
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("key") != key:
                return None
            return FileResult.from_json(data["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Write through a temporary file and rename, so concurrent runs never see half an
        entry. Failing to cache is never an error."""
        try:
            self._prepare()
            entry = self._entry(key)
            entry.parent.mkdir(parents=True, exist_ok=True)
            payload = json.dumps({"key": key, "result": result.to_json()},
                                 separators=(",", ":"))
            handle, temporary = tempfile.mkstemp(dir=str(entry.parent), suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(payload)
                os.replace(temporary, entry)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by backendlint.\n*\n", encoding="utf-8")
        self._ready = True
