"""Annotated path operation and dependency parameters."""

from fastapi import Depends, FastAPI

app = FastAPI()


def get_limit(limit: int = 10) -> int:
    return limit


@app.get("/items/{item_id}")
async def read_item(item_id: int, limit: int = Depends(get_limit)) -> dict:
    return {"id": item_id, "limit": limit}
