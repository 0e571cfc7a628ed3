"""The orders service: application setup, rate limiting and routers."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

import redis.asyncio as redis
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_limiter import FastAPILimiter
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

from .routers import auth, orders, reports


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await FastAPILimiter.init(redis.from_url("redis://cache:6379/0"))
    yield


# BL503: default_limits only run in SlowAPIMiddleware, and this app never adds it, so the
# "global" limit protects nothing.
limiter = Limiter(key_func=get_remote_address, default_limits=["120/minute"])

app = FastAPI(title="orders", lifespan=lifespan)
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
# BL702: credentials for every origin: any website can read a logged-in user's orders.
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)

app.include_router(auth.router)
app.include_router(orders.router)
app.include_router(reports.router)
