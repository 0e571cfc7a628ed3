"""What a run reads besides the linted files. Every reader of a configuration, a .gitignore or
a baseline, and the folder walk, notes here what it read, so that replay.py can tell whether
a later identical command would read the same (tests/test_replay.py checks, with an audit
hook, that no file the run opens is missing). Kept to `os`: replay imports it before anything
heavy."""

from __future__ import annotations

import os
from typing import Union

# Files read (or looked for: a missing one matters if it appears), and folders listed.
READ: set[str] = set()
LISTED: set[str] = set()


def note_read(path: Union[str, os.PathLike[str]]) -> None:
    READ.add(os.path.abspath(os.fspath(path)))


def note_listed(directory: str) -> None:
    """`directory` is absolute (the walk's own paths)."""
    LISTED.add(directory)
