from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from slowapi import Limiter
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
app = FastAPI()
app.state.limiter = limiter


@app.exception_handler(RateLimitExceeded)
async def too_many_requests(request: Request, exc: RateLimitExceeded) -> JSONResponse:
    return JSONResponse({"detail": "slow down"}, status_code=429)


@app.post("/login")
@limiter.limit("5/minute")
async def login(request: Request) -> dict[str, str]:
    return {"access_token": "..."}
