from fastapi import Depends, FastAPI
from fastapi_limiter import FastAPILimiter
from fastapi_limiter.depends import RateLimiter

from app.api import login_router, users_router

app = FastAPI()
app.include_router(login_router, dependencies=[Depends(RateLimiter(times=5, seconds=60))])
app.include_router(users_router)


@app.on_event("startup")
async def startup() -> None:
    await FastAPILimiter.init(None)
