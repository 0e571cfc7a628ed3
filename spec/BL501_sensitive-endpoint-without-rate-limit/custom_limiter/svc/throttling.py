import functools

from fastapi import Request


def throttle(rate: str):
    def wrap(func):
        @functools.wraps(func)
        async def inner(*args, **kwargs):
            return await func(*args, **kwargs)

        return inner

    return wrap


async def login_quota(request: Request) -> None:
    return None


class RedisRateLimitMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        await self.app(scope, receive, send)
