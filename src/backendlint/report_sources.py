"""The linted files' lines as the report shows them (the caret view, fingerprints), read
once per file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from backendlint.core.context import split_lines
from backendlint.core.pipeline import DecodeError
from backendlint.discovery import is_python_path
from backendlint.sourcefile import decode

_CACHE: dict[str, Optional[list[str]]] = {}


def read_source(path: str) -> Optional[list[str]]:
    if path not in _CACHE:
        _CACHE[path] = _lines(path)
    return _CACHE[path]


def _lines(path: str) -> Optional[list[str]]:
    """A file's lines for the caret view; None for a file that is not Python (a link named
    settings.py to a .env file must not print its secrets into the report)."""
    if not is_python_path(os.path.realpath(path)):
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    try:
        text = decode(data).text
    except DecodeError:
        text = data.decode("utf-8", errors="replace")
    return split_lines(text)
