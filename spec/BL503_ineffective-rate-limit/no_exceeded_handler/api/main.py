from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)  # error: BL503
app = FastAPI()
app.state.limiter = limiter


@app.post("/login")
@limiter.limit("5/minute")
async def login(request: Request) -> dict[str, str]:
    return {"access_token": "..."}
