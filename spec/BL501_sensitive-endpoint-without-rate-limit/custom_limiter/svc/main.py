from fastapi import APIRouter, Depends, FastAPI

from .throttling import RedisRateLimitMiddleware, login_quota, throttle

public = FastAPI()
partner = FastAPI()
partner.add_middleware(RedisRateLimitMiddleware)

router = APIRouter()


@router.post("/login", dependencies=[Depends(login_quota)])
async def login(username: str, password: str) -> dict[str, str]:
    return {"access_token": "..."}


@router.post("/signup")
@throttle("3/hour")
async def signup(email: str) -> None:
    return None


@router.post("/password-reset")
async def password_reset(email: str) -> None:  # error: BL501
    return None


@partner.post("/oauth/token")
async def partner_token(client_id: str, client_secret: str) -> dict[str, str]:
    return {"access_token": "..."}


public.include_router(router)
