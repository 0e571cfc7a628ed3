from fastapi import FastAPI, Request
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
app = FastAPI()
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


@limiter.limit("5/minute")
@app.post("/login")
async def login(request: Request) -> dict[str, str]:  # error: BL503
    return {"access_token": "..."}


@app.post("/signup")
@limiter.limit("3/hour")
async def signup(request: Request) -> None:
    return None


@limiter.limit("5/minute")  # noqa: BL503 -- kept for the old client; the route limit is in nginx
@app.post("/legacy/login")
async def legacy_login(request: Request) -> None:
    return None
