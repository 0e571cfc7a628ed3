from fastapi import APIRouter

router = APIRouter(prefix="/orders")


@router.post("/")
async def create_order(item_id: int) -> dict[str, int]:
    return {"id": item_id}
