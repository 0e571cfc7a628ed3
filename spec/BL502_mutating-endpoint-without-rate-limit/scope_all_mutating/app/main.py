from fastapi import Depends, FastAPI

from app.users import get_current_user

app = FastAPI()


@app.post("/orders", dependencies=[Depends(get_current_user)])
async def create_order(item_id: int) -> None:  # error: BL502
    # With scope = "all-mutating", authenticated writes are reported too.
    return None


@app.get("/orders")
async def list_orders() -> list[int]:
    return []
