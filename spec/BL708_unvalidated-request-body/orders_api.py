"""Order endpoints of a FastAPI shop."""
from typing import Any

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, ConfigDict

router = APIRouter(prefix="/orders")


class OrderCreate(BaseModel):
    model_config = ConfigDict(extra="allow")  # error: BL708

    sku: str
    quantity: int


class OrderUpdate(BaseModel):
    quantity: int

    class Config:
        extra = "allow"  # error: BL708


class OrderOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int


@router.post("/")
async def create(order: dict) -> dict:  # error: BL708
    return order


@router.put("/{order_id}")
async def replace(order_id: int, payload: Any = Body(...)) -> dict:  # error: BL708
    return {"id": order_id, **payload}


@router.patch("/{order_id}")
async def patch(order_id: int, request: Request) -> dict:
    changes = await request.json()  # error: BL708
    return {"id": order_id, **changes}


@router.post("/import")
async def import_orders(request: Request) -> OrderOut:
    data = await request.json()
    return OrderOut.model_construct(**data)  # error: BL708


@router.post("/checked")
async def checked(request: Request) -> OrderOut:
    data = await request.json()
    order = OrderCreate.model_validate(data)
    return OrderOut(id=1, **order.model_dump())


@router.post("/typed")
async def typed(order: OrderCreate) -> OrderOut:
    return OrderOut(id=1)


@router.get("/search")
async def search(filters: dict) -> list:
    return []
