"""The words an identifier is made of, and what its spelling says about it."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def components(name: str) -> list[str]:
    """`userPassword` / `user_password` / `USER_PASSWORD` → ["user", "password"]."""
    return [word.lower() for word in _WORD.findall(name)]


def is_private(name: str) -> bool:
    """`_helper` or `__mangled`, not a special method such as `__init__`."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
