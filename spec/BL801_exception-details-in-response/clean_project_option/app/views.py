from fastapi import APIRouter, HTTPException

from app.errors import UserFacingError

router = APIRouter()


@router.post("/signup")
async def signup(payload: dict) -> dict:
    try:
        return register(payload)
    except UserFacingError as e:
        raise HTTPException(status_code=400, detail=str(e))


def register(payload: dict) -> dict:
    raise UserFacingError("this e-mail address is taken")
