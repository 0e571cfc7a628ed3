from fastapi import Depends, FastAPI, Request

from app.limits import UserQuota, auth_limit, limiter, quota

app = FastAPI()
app.state.limiter = limiter


@app.post("/login")
@auth_limit()
async def login(request: Request, username: str, password: str) -> None:
    return None


@app.post("/otp/verify")
async def verify_otp(code: str, _quota: None = Depends(UserQuota(requests=5, window=60))) -> None:
    return None


@app.post("/password/reset")
async def reset_password(request: Request, email: str) -> None:
    # A limiter method called in the body.
    request.app.state.limiter.hit(f"reset:{email}")


@app.post("/magic-link")
async def send_magic_link(email: str) -> None:
    quota.consume_or_raise(email)


@app.post("/register")
async def register(email: str, password: str) -> None:  # error: BL501
    return None
