"""Order endpoints; each write has its own fastapi-limiter budget."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi_limiter.depends import RateLimiter
from pydantic import BaseModel

router = APIRouter(prefix="/orders", tags=["orders"])


class NewOrder(BaseModel):
    item_id: int
    quantity: int = 1


@router.get("/")
async def list_orders() -> list[dict[str, int]]:
    return []


@router.post("/", dependencies=[Depends(RateLimiter(times=20, seconds=60))])
async def create_order(order: NewOrder) -> dict[str, int]:
    return {"id": 1, "item_id": order.item_id}


@router.post("/{order_id}/pay", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
async def pay_order(order_id: int) -> dict[str, bool]:
    return {"paid": True}


@router.delete("/{order_id}")
async def cancel_order(order_id: int) -> None:
    # BL502: a write endpoint without a limit (the app-wide default in main.py is inert).
    return None
