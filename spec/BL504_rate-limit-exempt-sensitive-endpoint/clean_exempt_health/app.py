from fastapi import Depends, FastAPI, Request
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIMiddleware
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=["100/minute"])
app = FastAPI()
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
app.add_middleware(SlowAPIMiddleware)


async def get_current_user() -> str:
    return "user"


@app.get("/health")
@limiter.exempt
async def health(request: Request) -> str:
    # An exemption for a health check takes nothing sensitive out of the limits.
    return "ok"


@app.post("/account/password")
@limiter.exempt
async def change_password(request: Request, user: str = Depends(get_current_user)) -> None:
    # Exempt, but only a signed-in user reaches it: nothing open to guess.
    return None
