"""A module that defines its own `dict` and `str`: annotations written with those names would
mean something else, so no fix is offered for them."""

from __future__ import annotations


def dict(*pairs: object) -> list[object]:
    return list(pairs)


def str(value: object) -> bytes:
    return repr(value).encode()


def pairs():  # error: BL202
    return dict("a", "b")


def payload():  # error: BL202
    return {"status": "ok"}


def label(code: int):  # error: BL202
    return f"code {code}"


def size(items: list[int]):  # error: BL202
    return len(items) > 0
