"""Precise types and `object`: nothing to report."""

from typing import Optional


def publish(event: dict[str, str], retries: Optional[int] = None) -> bool:
    return bool(event) and retries != 0


def log(value: object) -> None:
    print(value)
