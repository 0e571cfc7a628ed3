from fastapi import FastAPI, Request
from slowapi import _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIMiddleware

from app.limits import limiter


def create_app() -> FastAPI:
    app = FastAPI()
    # The Limiter a factory built, attached here: its limits run.
    app.state.limiter = limiter
    app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
    app.add_middleware(SlowAPIMiddleware)

    @app.post("/login")
    @limiter.limit("5/minute")
    async def login(request: Request) -> None:
        return None

    return app
