from fastapi import FastAPI, Request
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIMiddleware
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=["100/minute"])
app = FastAPI()
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
app.add_middleware(SlowAPIMiddleware)


@app.post("/auth/token")
@limiter.exempt
async def token(request: Request) -> dict[str, str]:  # error: BL504
    return {"access_token": "..."}


@app.get("/healthz")
@limiter.exempt
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/webhooks/stripe")
@limiter.exempt
async def stripe_webhook(request: Request) -> None:
    return None


@app.post("/auth/logout")
@limiter.exempt
async def logout(request: Request) -> None:
    return None
