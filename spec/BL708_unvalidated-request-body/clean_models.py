from fastapi import FastAPI, Request
from pydantic import BaseModel

app = FastAPI()


class SignupRequest(BaseModel):
    email: str


@app.post("/signup")
async def signup(body: SignupRequest) -> dict:
    return {"email": body.email}


@app.post("/webhook")
async def webhook(request: Request) -> dict:
    event = SignupRequest.model_validate(await request.json())
    return {"ok": bool(event)}


@app.post("/raw")
async def raw(request: Request) -> dict:
    body = await request.body()
    return {"size": len(body)}
