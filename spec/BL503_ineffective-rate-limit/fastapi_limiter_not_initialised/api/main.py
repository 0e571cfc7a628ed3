from fastapi import APIRouter, Depends, FastAPI
from fastapi_limiter.depends import RateLimiter

app = FastAPI()
router = APIRouter()


@router.post("/login", dependencies=[Depends(RateLimiter(times=5, seconds=60))])  # error: BL503
async def login(username: str, password: str) -> dict[str, str]:
    return {"access_token": "..."}


app.include_router(router)
