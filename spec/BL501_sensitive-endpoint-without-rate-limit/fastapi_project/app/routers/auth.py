from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi_limiter.depends import RateLimiter
from pydantic import BaseModel

from ..limits import limiter

router = APIRouter(prefix="/auth", tags=["auth"])

# A dependency alias, as FastAPI's docs write them since 0.95.
ResetLimited = Annotated[None, Depends(RateLimiter(times=3, seconds=3600))]


class Credentials(BaseModel):
    email: str
    password: str


@router.get("/login", response_class=HTMLResponse)
async def login_page() -> str:
    return "<form method='post'>...</form>"


@router.post("/login")
@limiter.limit("5/minute")
async def login(request: Request, credentials: Credentials) -> dict[str, str]:
    return {"access_token": "..."}


@router.post("/token", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
async def issue_token(credentials: Credentials) -> dict[str, str]:
    return {"access_token": "..."}


@router.post("/register")
async def register(credentials: Credentials) -> dict[str, str]:  # error: BL501
    return {"status": "created"}


@router.post(
    "/password/forgot",
)
async def forgot_password(email: str) -> None:  # error: BL501
    return None


@router.get("/verify-email/{token}")
async def verify_email(token: str) -> dict[str, bool]:  # error: BL501
    return {"verified": True}


@router.post("/logout")
async def logout() -> None:
    return None


@router.get("/status")
async def session_status() -> dict[str, bool]:
    return {"authenticated": False}


@router.post("/profile")
async def update_profile(name: str) -> None:
    return None


@router.post("/password/reset")
async def reset_password(
    token: str,
    _limit: Annotated[None, Depends(RateLimiter(times=3, seconds=60))],
) -> None:
    return None


@router.post("/password/reset/confirm")
async def confirm_password_reset(token: str, _limit: ResetLimited) -> None:
    return None


@router.post("/invite")
async def invite(email: str, user: Annotated[str, Depends(lambda: "me")]) -> None:  # error: BL501
    return None
