from authlib.integrations.starlette_client import OAuth
from fastapi import APIRouter, Depends, Request

from app.deps import LoginQuota

oauth = OAuth()
router = APIRouter()


@router.post("/login")
async def login(request: Request):
    # Only redirects to the OAuth provider: nothing to guess here.
    return await oauth.google.authorize_redirect(request, "/auth/callback")


@router.post("/signin", dependencies=[Depends(LoginQuota(times=5, seconds=60))])
async def signin(username: str, password: str) -> None:
    return None


@router.get("/verify-request")
async def verify_request() -> str:
    # A page: a GET with no code to check.
    return "check your inbox"
