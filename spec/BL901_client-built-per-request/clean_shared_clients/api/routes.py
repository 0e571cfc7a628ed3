from fastapi import APIRouter, Depends

from api.clients import Storage, get_http, get_redis, get_s3, get_search_client
from api.tasks import send_receipt

router = APIRouter()


@router.get("/files/{name}")
async def read_file(name: str, cache=Depends(get_redis)) -> dict[str, str]:
    s3 = get_s3()
    http = get_http()
    search = await get_search_client()
    bucket = Storage.client()
    await http.get("/ping")
    await search.get("/ping")
    bucket.head_object(Bucket="media", Key=name)
    s3.head_object(Bucket="media", Key=name)
    return {"name": name, "cached": str(cache.get(name))}


@router.post("/orders/{order_id}/receipt")
async def receipt(order_id: int) -> dict[str, bool]:
    send_receipt.delay(order_id)
    return {"queued": True}
