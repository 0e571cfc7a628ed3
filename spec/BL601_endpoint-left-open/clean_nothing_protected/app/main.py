"""A demo service where nothing is protected: there is no pattern to break."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
def list_items() -> list[int]:
    return []


@app.post("/items")
def create_item() -> dict[str, int]:
    return {"id": 1}


@app.delete("/items/{item_id}")
def delete_item(item_id: int) -> None:
    return None
