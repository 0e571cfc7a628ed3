from fastapi import Depends, FastAPI
from fastapi_limiter import FastAPILimiter
from fastapi_limiter.depends import RateLimiter

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    await FastAPILimiter.init(app.state.redis)


@app.post("/otp/verify")
async def verify_otp(
    code: str,
    # Clean: fastapi-limiter runs as a parameter dependency too.
    _: None = Depends(RateLimiter(times=5, seconds=60)),
) -> dict[str, bool]:
    return {"valid": True}


@app.post("/otp/resend", dependencies=[Depends(RateLimiter(times=1, seconds=60))])
async def resend_otp() -> None:
    return None


@app.post("/otp/send")
async def send_otp(phone: str) -> None:  # error: BL501
    return None
