"""How options name the project's own functions, classes and decorators: qualified names or
fnmatch patterns, where a pattern also matches the last name alone (`get_client`,
`*_factory`, `proj.celery.app.task`)."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase


def matches_name_pattern(qualified: str, patterns: Iterable[str]) -> bool:
    last = qualified.rsplit(".", 1)[-1]
    return any(fnmatchcase(qualified, pattern) or fnmatchcase(last, pattern)
               for pattern in patterns)
