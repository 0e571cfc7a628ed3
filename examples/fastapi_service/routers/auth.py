"""Sign-in, sign-up and password reset for the orders service."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse
from fastapi_limiter.depends import RateLimiter
from pydantic import BaseModel

router = APIRouter(prefix="/auth", tags=["auth"])


class Credentials(BaseModel):
    email: str
    password: str


@router.get("/login", response_class=HTMLResponse)
async def login_page() -> str:
    # Clean: a GET that only renders the form is not an authentication attempt.
    return "<form method='post' action='/auth/token'>...</form>"


@router.post("/token", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
async def issue_token(credentials: Credentials) -> dict[str, str]:
    return {"access_token": "...", "token_type": "bearer"}


@router.post("/register")
async def register(credentials: Credentials) -> dict[str, str]:
    # BL501: sign-ups are unlimited (mass account creation, e-mail enumeration).
    return {"status": "created"}


@router.post("/password-reset")
async def request_password_reset(
    email: str,
    # BL503: fastapi-limiter expects the limiter in `dependencies=[...]`, not as a parameter.
    _: None = Depends(RateLimiter(times=3, seconds=3600)),
) -> None:
    return None
