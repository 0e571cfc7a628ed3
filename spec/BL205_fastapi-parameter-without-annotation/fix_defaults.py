"""A literal default gives the annotation (an unsafe fix: FastAPI starts validating)."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
async def search(term="", limit=10, exact=False, boost=1.5) -> dict:  # error: BL205, BL205, BL205, BL205
    return {"term": term, "limit": limit, "exact": exact, "boost": boost}
