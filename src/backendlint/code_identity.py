"""What identifies the backendlint code that produced a result, so that a cache written by
other code is never read. Kept free of backendlint's other modules: the replay of an
unchanged run (replay.py) needs it before anything heavy is imported."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Optional

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Installed from a wheel: the wheel's RECORD, which lists a content hash of every
    module (pip gives installed files the time of the install, so on a fresh CI runner size
    and mtime would never match a restored cache). From a source checkout or an editable
    install: size and mtime of the modules, so that an edited checkout (same version
    number, different rules) does not reuse results computed by the old code."""
    record = wheel_record(PACKAGE)
    if record is not None:
        return "record:" + hashlib.sha256(record).hexdigest()
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        try:
            info = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(PACKAGE)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


def wheel_record(package: Path) -> Optional[bytes]:
    """The RECORD of the wheel this package was installed from, if it was (an editable
    install's RECORD does not list the modules)."""
    try:
        names = os.listdir(package.parent)
    except OSError:
        return None
    for name in names:
        if name.startswith(f"{package.name}-") and name.endswith(".dist-info"):
            try:
                record = (package.parent / name / "RECORD").read_bytes()
            except OSError:
                continue
            if f"{package.name}/cache.py,sha256=".encode() in record:
                return record
    return None
