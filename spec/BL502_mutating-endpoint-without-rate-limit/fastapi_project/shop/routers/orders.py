from fastapi import APIRouter, Request

from ..main import limiter

router = APIRouter(tags=["orders"])


@router.get("/")
async def list_orders() -> list[dict[str, int]]:
    return []


@router.post("/")
@limiter.limit("30/minute")
async def create_order(request: Request, item_id: int) -> dict[str, int]:
    return {"id": item_id}


@router.put("/{order_id}")
async def replace_order(order_id: int) -> dict[str, int]:  # error: BL502
    return {"id": order_id}


@router.delete("/{order_id}")
async def cancel_order(order_id: int) -> None:  # error: BL502
    return None


@router.api_route("/{order_id}/notes", methods=["GET", "PATCH"])
async def order_notes(order_id: int) -> dict[str, str]:  # error: BL502
    return {}


@router.post("/{order_id}/refund")
@limiter.exempt
async def refund_webhook(order_id: int) -> None:
    return None


async def archive_order(order_id: int) -> None:  # error: BL502
    return None


async def restore_order(request: Request, order_id: int) -> None:
    return None


router.add_api_route("/{order_id}/archive", archive_order, methods=["POST"])
router.add_api_route("/{order_id}/restore", limiter.shared_limit("10/minute", scope="orders")(
    restore_order), methods=["POST"])
