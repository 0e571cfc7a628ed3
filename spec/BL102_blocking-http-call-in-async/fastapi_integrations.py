"""A FastAPI router that talks to third-party services."""

import smtplib
import socket
import urllib.request
from email.message import EmailMessage
from typing import Optional

import httpx
import requests
import urllib3
from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/integrations")
http = urllib3.PoolManager()


@router.get("/rates")
async def exchange_rates(base: str = "EUR") -> dict:
    response = requests.get(  # error: BL102
        "https://api.example.com/rates", params={"base": base}, timeout=5
    )
    return response.json()


@router.post("/webhooks/{name}")
async def forward_webhook(name: str, payload: dict) -> dict:
    with requests.Session() as session:
        session.headers["X-Source"] = "backend"
        reply = session.post(f"https://hooks.example.com/{name}", json=payload)  # error: BL102
    return {"status": reply.status_code}


@router.get("/status")
async def upstream_status() -> dict:
    body = urllib.request.urlopen("https://status.example.com").read()  # error: BL102
    legacy = http.request("GET", "https://legacy.example.com/ping")  # error: BL102
    return {"status": body.decode(), "legacy": legacy.status}


@router.get("/resolve/{host}")
async def resolve(host: str) -> dict:
    return {"address": socket.gethostbyname(host)}  # error: BL102


async def send_receipt(to: str, body: str) -> None:
    message = EmailMessage()
    message["To"] = to
    message.set_content(body)
    with smtplib.SMTP("mail.example.com", 587) as smtp:  # error: BL102
        smtp.send_message(message)  # error: BL102


async def confirm_shutdown() -> bool:
    return input("really stop? ") == "y"  # error: BL102


class GeoClient:
    def __init__(self) -> None:
        self.client = httpx.Client(base_url="https://geo.example.com")

    async def locate(self, ip: str) -> dict:
        return self.client.get(f"/ip/{ip}").json()  # error: BL102


async def fetch_profile(session: Optional[requests.Session], user_id: int) -> dict:
    assert session is not None
    return session.get(f"https://users.example.com/{user_id}").json()  # error: BL102


async def quick_fetch(url: str) -> str:
    return httpx.get(url).text  # error: BL102
