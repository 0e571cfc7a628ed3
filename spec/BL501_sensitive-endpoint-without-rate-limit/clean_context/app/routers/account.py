from fastapi import APIRouter, Depends

from app.deps import get_current_user, oauth2_scheme

# Every route here needs a signed-in user: nothing an anonymous client can guess.
router = APIRouter(prefix="/account", dependencies=[Depends(get_current_user)])


@router.post("/password")
async def change_password(old: str, new: str) -> None:
    return None


@router.post("/token/rotate")
async def rotate_api_token() -> dict[str, str]:
    return {"token": "..."}


other = APIRouter()


@other.post("/devices/{device_id}/verify")
async def verify_device(device_id: int, token: str = Depends(oauth2_scheme)) -> None:
    # A bearer token (a token scheme) is required.
    return None
