"""Private helpers whose return type is inferred from the body."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def _cache_key(user_id: int, scope: str):  # error: BL203
    return f"{scope}:{user_id}"


def _warm_cache(keys: list[str]):  # error: BL203
    for key in keys:
        if not key:
            return
        logger.debug("warm %s", key)


def _parse_bool(raw: str):  # error: BL203
    return raw.lower() in ("1", "true", "yes")


def _empty_payload():  # error: BL203
    return dict()


def _rows(limit: int):  # error: BL203
    for index in range(limit):
        yield index


def _unsupported(feature: str):  # error: BL203
    raise NotImplementedError(feature)


def _forbidden(user: str):  # error: BL203
    logger.warning("forbidden %s", user)
    raise PermissionError(user)


def outer(values: list[int]) -> int:
    def _double(value: int):  # error: BL203
        return value * 2

    def _threshold():  # error: BL203
        return 10

    return sum(_double(v) for v in values if v < _threshold())
