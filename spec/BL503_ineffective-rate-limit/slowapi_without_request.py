from fastapi import FastAPI, Request
from pydantic import BaseModel
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
app = FastAPI()
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


class ResetRequest(BaseModel):
    email: str


@app.post("/password-reset")
@limiter.limit("3/hour")
async def request_reset(body: ResetRequest) -> None:  # error: BL503
    return None


@app.post("/password-reset/confirm")
@limiter.limit("3/hour")
async def confirm_reset(request: Request, token: str) -> None:
    return None
