"""With allow-any, `*args: Any` and `**kwargs: Any` are accepted."""

from typing import Any


def call_upstream(method: str, *args: Any, **kwargs: Any) -> Any:  # error: BL204
    return (method, args, kwargs)
