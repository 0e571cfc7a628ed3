"""An endpoint that asks for the storage layer built on the first request only."""

from fastapi import APIRouter, Request

from api.layer_factory import get_layer

router = APIRouter()


@router.get("/media/{key}")
def media(key: str, request: Request) -> dict[str, str]:
    layer = get_layer()
    return {"bucket": layer.bucket if layer else "", "key": key}
