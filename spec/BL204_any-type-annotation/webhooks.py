"""Webhook handlers: `Any` through every spelling the semantic model resolves."""

from __future__ import annotations

import typing
import typing as t
from typing import Any as Anything
from typing import Any, Optional


def handle_event(payload: Any) -> None:  # error: BL204
    print(payload)


def serialise(event: dict[str, Any]) -> t.Any:  # error: BL204
    return event


def verify(signature: "typing.Any", secret: str) -> bool:  # error: BL204
    return bool(signature) and bool(secret)


def forward(
    body: Anything,  # error: BL204
    *args: Any,  # error: BL204
    **headers: Any,  # error: BL204
) -> "Any":  # error: BL204
    return body


async def replay(event_id: int) -> Optional[Any]:
    # Only an annotation that is `Any` itself is reported, not `Any` nested in a type.
    return None


class Any_:
    pass


def unrelated(value: Any_, other: object) -> object:
    return value or other


def untyped(value, fallback=None):
    return value or fallback
