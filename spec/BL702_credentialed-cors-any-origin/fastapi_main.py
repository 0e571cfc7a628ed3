"""The API gateway of a dashboard product."""
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.applications import Starlette
from starlette.middleware import Middleware

ORIGINS = ["*"]

app = FastAPI(title="dashboard")
app.add_middleware(  # error: BL702
    CORSMiddleware,
    allow_origins=ORIGINS,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

partner_api = FastAPI()
partner_api.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*example.com",  # error: BL702
                           allow_credentials=True)

embedded = Starlette(middleware=[
    Middleware(CORSMiddleware, allow_origins=["null"], allow_credentials=True),  # error: BL702
])

public = FastAPI()
# No credentials: a public read-only API may allow every origin.
public.add_middleware(CORSMiddleware, allow_origins=["*"])

tenant_api = FastAPI()
tenant_api.add_middleware(CORSMiddleware,
                          allow_origin_regex=r"https://([a-z0-9-]+\.)?example\.com",
                          allow_credentials=True)
