from fastapi import APIRouter

router = APIRouter()


@router.post("/invite")
async def invite_user(email: str) -> None:
    return None


@router.post("/users/{user_id}/reset-password")
async def reset_user_password(user_id: int) -> None:
    return None
