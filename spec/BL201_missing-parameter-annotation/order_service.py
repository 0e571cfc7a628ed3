"""Order service: methods, class/static methods, properties, *args/**kwargs, nested helpers."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any, overload

from fastapi import APIRouter, Depends

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/orders")


class OrderRepository:
    def __init__(self, session, table_name: str = "orders") -> None:  # error: BL201
        self.session = session
        self.table_name = table_name

    @classmethod
    def from_url(cls, url: str) -> OrderRepository:  # `cls` needs no annotation
        return cls(session=url)

    @staticmethod
    def normalise_sku(sku) -> str:  # error: BL201
        return str(sku).upper()

    @property
    def name(self) -> str:
        return self.table_name

    @name.setter
    def name(self, value) -> None:  # error: BL201
        self.table_name = value

    def find(self, order_id: int, *columns, **filters) -> list[dict[str, Any]]:  # error: BL201, BL201
        logger.info("find %s %s %s", order_id, columns, filters)
        return []

    def bulk_update(
        self,
        ids: list[int],
        changes,  # error: BL201
        *,
        reason,  # error: BL201
        dry_run: bool = False,
    ) -> int:
        return 0 if dry_run else len(ids)


@overload
def total(amount: int) -> int: ...
@overload
def total(amount: Decimal) -> Decimal: ...
def total(amount):  # error: BL201
    return amount


def apply_discount(price: Decimal, percent: int) -> Decimal:
    def rounded(value) -> Decimal:  # error: BL201
        return round(value, 2)

    # Lambdas are never checked.
    pick = lambda value, fallback=0: value or fallback  # noqa: E731
    return rounded(pick(price) * (100 - percent) / 100)


def get_repository() -> OrderRepository:
    return OrderRepository.from_url("postgresql://orders")


# A FastAPI path operation: its unannotated parameters are BL205's, not BL201's.
@router.get("/{order_id}")
async def read_order(order_id, repo: OrderRepository = Depends(get_repository)) -> dict[str, int]:
    return {"id": order_id}
