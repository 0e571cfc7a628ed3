from typing import Callable

HANDLERS: list[Callable[..., None]] = []


def register(handler: Callable[..., None]) -> None:
    HANDLERS.append(handler)
