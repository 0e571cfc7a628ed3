"""Credentials for named origins only."""
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=os.environ["ALLOWED_ORIGINS"].split(","),
                   allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"],
                   allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://app\.example\.com",
                   allow_credentials=True)
