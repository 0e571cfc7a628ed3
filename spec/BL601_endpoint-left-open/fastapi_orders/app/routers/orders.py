from fastapi import APIRouter, Depends

from app.auth import get_current_user

router = APIRouter(prefix="/orders")


@router.get("/")
def list_orders(user: dict[str, str] = Depends(get_current_user)) -> list[dict[str, int]]:
    return []


@router.get("/{order_id}")
def read_order(order_id: int, user: dict[str, str] = Depends(get_current_user)) -> dict[str, int]:
    return {"id": order_id}


@router.post("/")
def create_order(user: dict[str, str] = Depends(get_current_user)) -> dict[str, int]:
    return {"id": 1}


@router.delete("/{order_id}")
def delete_order(order_id: int) -> None:  # error: BL601 "get_current_user"
    return None


@router.get("/{order_id}/receipt")
def order_receipt(order_id: int) -> dict[str, int]:  # error: BL601
    return {"id": order_id}


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
