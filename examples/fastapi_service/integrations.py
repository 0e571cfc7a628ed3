"""Calls to partner services and the reporting database (data-access, BL9xx)."""

from __future__ import annotations

from functools import lru_cache

import httpx
from fastapi import APIRouter, Depends
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

reporting_engine = create_engine("postgresql://reports@db/reports", pool_pre_ping=True)
ReportingSession = sessionmaker(bind=reporting_engine)

router = APIRouter(prefix="/integrations")


def get_reporting_db() -> Session:
    # BL909: FastAPI never closes a returned dependency value; yield it inside `with`.
    return ReportingSession()


# BL908: the cache keeps the coroutine object; the second call awaits it again and fails.
@lru_cache(maxsize=16)
async def partner_status(partner: str) -> dict[str, str]:
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.get(f"https://{partner}.example.com/status")
    return {"status": response.text}


@router.get("/shipping/{order_id}")
def shipping_quote(order_id: int,
                   db: Session = Depends(get_reporting_db)) -> dict[str, float]:
    # BL901: a new connection pool (and TLS handshake) for every request.
    client = httpx.Client(base_url="https://shipping.example.com", timeout=5)
    response = client.get(f"/quotes/{order_id}")
    weight = db.execute(text("select 1")).scalar_one()
    return {"price": float(response.json()["price"]) * weight}
