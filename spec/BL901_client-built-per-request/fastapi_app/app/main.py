from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from app.routers import items


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with httpx.AsyncClient(timeout=5) as client:
        app.state.http = client
        yield


app = FastAPI(lifespan=lifespan)
app.include_router(items.router)


@app.on_event("startup")
async def warm_up() -> None:
    app.state.partner = httpx.AsyncClient(base_url="https://partner.example.com")
