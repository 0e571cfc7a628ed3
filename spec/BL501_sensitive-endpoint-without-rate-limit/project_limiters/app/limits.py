from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def auth_limit():
    """A wrapper around the limiter's decorator."""
    return limiter.limit("5/minute")


class UserQuota:
    """The project's own limiter, used as a dependency."""

    def __init__(self, requests: int, window: int) -> None:
        self.requests = requests
        self.window = window

    async def __call__(self) -> None:
        return None


class Quota:
    def consume_or_raise(self, key: str) -> None:
        return None


quota = Quota()
