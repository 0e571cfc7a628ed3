"""FastAPI routes and dependencies with parameters FastAPI cannot validate."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI, Request, Security
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
router = APIRouter(prefix="/items")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


def get_db(settings=None):  # error: BL205
    return {"dsn": settings}


def get_current_user(token=Security(oauth2_scheme), db: dict = Depends(get_db)) -> str:  # error: BL205
    return f"{token}{db}"


class Pagination:
    def __init__(self, page=1, size: int = 20) -> None:  # error: BL205
        self.page = page
        self.size = size


class RoleChecker:
    def __init__(self, role: str) -> None:
        self.role = role

    def __call__(self, user=Depends(get_current_user)) -> bool:  # error: BL205
        return user == self.role


require_admin = RoleChecker("admin")


@app.get("/items/{item_id}")
async def read_item(item_id, q=None, user: str = Depends(get_current_user)) -> dict:  # error: BL205, BL205
    return {"item_id": item_id, "q": q, "user": user}


@router.post("/")
async def create_item(
    request,  # error: BL205
    payload: dict,
    db=Depends(get_db),  # error: BL205
    paging: Pagination = Depends(Pagination),
    admin: bool = Depends(require_admin),
) -> dict:
    return {"ok": True}


@router.api_route("/bulk", methods=["PUT", "PATCH"])
def bulk_update(limit=100) -> dict:  # error: BL205
    return {"limit": limit}


@app.websocket("/ws")
async def feed(websocket):  # error: BL205
    await websocket.accept()


@app.get("/health")
async def health(request: Request) -> dict:
    return {"ok": True}


def format_item(item, currency="EUR") -> str:  # plain helper: BL201, not BL205
    return f"{item} {currency}"


class Cache:
    def get(self, key):  # a `.get` method of a non-FastAPI object decorates nothing
        return key


cache = Cache()
