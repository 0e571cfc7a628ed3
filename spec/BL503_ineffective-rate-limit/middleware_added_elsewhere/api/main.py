from slowapi.middleware import SlowAPIMiddleware

from .app import build

app = build()
app.add_middleware(SlowAPIMiddleware)


@app.post("/orders")
async def create_order(item_id: int) -> dict[str, int]:
    return {"id": item_id}
