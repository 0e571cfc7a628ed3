from fastapi import APIRouter, Depends

from app.security import require_admin

login_router = APIRouter()
users_router = APIRouter()


@login_router.post("/login")
async def login(username: str, password: str) -> dict[str, str]:
    # Clean: the app limits this router where it includes it (through the re-export).
    return {"token": "..."}


@users_router.post("/users/")
async def create_user(email: str, password: str) -> dict[str, str]:  # error: BL501 "open to anonymous clients"
    # Signing up is creating a user, when anonymous clients can do it.
    return {"email": email}


@users_router.post("/admin/users/", dependencies=[Depends(require_admin)])
async def add_user(email: str) -> dict[str, str]:
    # Clean: only an admin creates users here.
    return {"email": email}
