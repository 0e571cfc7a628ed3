from fastapi import FastAPI

from app.routers import account, auth

app = FastAPI()
app.include_router(account.router)
app.include_router(account.other)
app.include_router(auth.router)
