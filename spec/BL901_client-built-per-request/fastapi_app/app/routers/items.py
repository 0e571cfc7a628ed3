from typing import Annotated

import aiohttp
import httpx
from fastapi import APIRouter, Depends, UploadFile

from app.deps import Cache, get_rates_client
from app.services.search import SearchService
from app.services.storage import upload_avatar

router = APIRouter(prefix="/items")


@router.get("/{item_id}")
async def read_item(item_id: int, cache: Cache) -> dict[str, str]:
    value = await cache.get(f"item:{item_id}")
    return {"value": value or ""}


@router.get("/{item_id}/price")
async def price(item_id: int,
                rates: Annotated[httpx.AsyncClient, Depends(get_rates_client)]) -> dict[str, float]:
    response = await rates.get("/eur")
    return {"price": float(response.json()["rate"]) * item_id}


@router.get("/{item_id}/stock")
async def stock(item_id: int) -> dict[str, int]:
    session = aiohttp.ClientSession()  # error: BL901 "in endpoint `stock`, on every request"
    response = await session.get(f"https://warehouse.example.com/stock/{item_id}")
    return await response.json()


@router.post("/{item_id}/avatar")
async def upload(item_id: int, file: UploadFile) -> dict[str, str]:
    return {"key": upload_avatar(item_id, await file.read())}


@router.get("/search")
def search(q: str) -> list[str]:
    return SearchService("https://search.example.com").query(q)
