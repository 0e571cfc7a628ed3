"""Return types inferred from the return statements; the cases where ruff's fix goes wrong."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def health():  # error: BL202
    return {"status": "ok"}


def find_user_id(users: list[str], name: str):  # error: BL202
    for index, user in enumerate(users):
        if user == name:
            return index
    logger.info("no user %s", name)


def first_active(flags: list[bool]):  # error: BL202
    while flags:
        if flags.pop():
            return True
    # Falls off the end: `bool | None` would be right, but mypy wants `return None` written.


def has_admin(roles: list[str]):  # error: BL202
    for role in roles:
        if role == "admin":
            return True
    return False


def status_label(code: int):  # error: BL202
    if code < 400:
        return "ok"
    elif code < 500:
        return "client error"
    else:
        return "server error"


def retry_after(attempts: int):  # error: BL202
    if attempts > 3:
        return None
    return 2.5 * attempts


def backoff_seconds(attempts: int):  # error: BL202
    if attempts > 5:
        return None
    return 0.5


def page_size(raw: str):  # error: BL202
    if raw == "all":
        return "all"
    return int(raw)


def encode(payload: str, binary: bool):  # error: BL202
    try:
        if binary:
            return payload.encode()
        return payload
    finally:
        logger.debug("encoded")


def load_flag(raw: str):  # error: BL202
    try:
        return int(raw) > 0
    except ValueError:
        return False


def count_items(items: list[str]):  # error: BL202
    return int(len(items))


def describe(user_id: int):  # error: BL202
    return f"user-{user_id}"


def is_admin(role: str):  # error: BL202
    return role in ("admin", "owner")


def is_disabled(active: bool):  # error: BL202
    return not active


def matches(left: int, right: int):  # error: BL202
    return left == right


def ids(rows: list[dict[str, int]]):  # error: BL202
    return [row["id"] for row in rows]


def record(event: str):  # error: BL202
    logger.info(event)


def reject(reason: str):  # error: BL202
    raise PermissionError(reason)


def guarded(value: int):  # error: BL202
    if value < 0:
        raise ValueError(value)
    else:
        raise OverflowError(value)


def fetch(cache: dict[str, str], key: str):  # error: BL202
    value = cache.get(key)
    return value


async def ping():  # error: BL202
    return True


async def notify(channel: str):  # error: BL202
    logger.info(channel)


def stream():  # error: BL202
    yield "row"


class Handler:
    def handle(self, event: str) -> str | None:
        return event


class AuditHandler(Handler):
    def handle(self, event):  # error: BL202
        logger.info(event)

    def flush(self):  # error: BL202
        logger.info("flush")

    def not_supported(self):  # error: BL202
        raise NotImplementedError
