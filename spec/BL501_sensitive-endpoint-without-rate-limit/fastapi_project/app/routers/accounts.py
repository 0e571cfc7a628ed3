from fastapi import APIRouter, Depends
from fastapi_limiter.depends import RateLimiter

router = APIRouter(prefix="/accounts",
                   dependencies=[Depends(RateLimiter(times=10, seconds=60))])


@router.post("/password")
async def change_password(old: str, new: str) -> None:
    return None


@router.post("/mfa/enable")
async def enable_mfa() -> dict[str, str]:
    return {"secret": "..."}
