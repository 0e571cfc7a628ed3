from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import Depends, FastAPI
from fastapi_limiter import FastAPILimiter
from fastapi_limiter.depends import RateLimiter
from slowapi import _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded

from .limits import limiter
from .oauth import get_oauth_router
from .routers import accounts, admin, auth


@asynccontextmanager
async def lifespan(app: FastAPI):
    await FastAPILimiter.init(redis.from_url("redis://localhost"))
    yield


api = FastAPI(lifespan=lifespan)
api.state.limiter = limiter
api.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)

api.include_router(auth.router)
api.include_router(accounts.router)
api.include_router(admin.router, prefix="/admin",
                   dependencies=[Depends(RateLimiter(times=20, seconds=60))])
api.include_router(get_oauth_router(), prefix="/oauth")
