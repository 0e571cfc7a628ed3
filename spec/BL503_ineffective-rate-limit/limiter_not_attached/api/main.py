from fastapi import FastAPI, Request

from .limits import limiter

app = FastAPI()


@app.post("/login")
@limiter.limit("5/minute")
async def login(request: Request) -> dict[str, str]:
    return {"access_token": "..."}
