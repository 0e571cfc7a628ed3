from fastapi_limiter import FastAPILimiter


async def init_limits(redis) -> None:
    await FastAPILimiter.init(redis)
