"""Private helpers and nested functions in a billing module."""

from __future__ import annotations

import functools
import logging
from typing import Callable

logger = logging.getLogger(__name__)


def _cents(amount: float):  # error: BL203
    return int(amount * 100)


def _log_charge(customer_id: int):  # error: BL203
    logger.info("charged %s", customer_id)


def __mangled_like_helper():  # error: BL203
    return "x"


class Invoice:
    def __init__(self, total: int) -> None:
        self.total = total

    def _tax(self):  # error: BL203
        return self.total * 0.2

    def __eq__(self, other: object):  # dunder: public, BL202
        return isinstance(other, Invoice) and other.total == self.total

    def __validate(self):  # error: BL203
        if self.total < 0:
            raise ValueError("negative total")


def retry(times: int) -> Callable[[Callable[..., int]], Callable[..., int]]:
    def decorator(func: Callable[..., int]):  # error: BL203
        @functools.wraps(func)
        def wrapper(*args: object, **kwargs: object):  # error: BL203
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except ConnectionError:
                    logger.warning("retrying")
            raise ConnectionError("gave up")

        return wrapper

    return decorator


def charge(amounts: list[float]) -> int:
    def total():  # error: BL203
        return sum(_cents(a) for a in amounts)

    class _Receipt:
        def render(self):  # error: BL203
            return f"{len(amounts)} items"

    key = lambda amount: -amount  # noqa: E731
    logger.info(_Receipt().render(), key)
    return total()


def public_entry_point(value: str):  # public: BL202
    return value
