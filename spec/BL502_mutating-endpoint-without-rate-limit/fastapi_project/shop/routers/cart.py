from fastapi import APIRouter, Depends
from fastapi_limiter.depends import RateLimiter

router = APIRouter(dependencies=[Depends(RateLimiter(times=60, seconds=60))])


@router.post("/items")
async def add_item(item_id: int) -> None:
    return None
