"""Nightly sync with partner APIs."""
import smtplib
import urllib.request

import aiohttp
import httpx
import psycopg
import redis
import requests

SESSION = requests.Session()
cache = redis.Redis.from_url("redis://cache:6379/0")  # error: BL704


class CatalogClient:
    def __init__(self, session: requests.Session) -> None:
        self.session = session
        self.own = requests.Session()

    def products(self) -> list:
        return self.session.get("https://catalog.example.com/products").json()  # error: BL704

    def push(self, product: dict) -> None:
        self.own.post("https://catalog.example.com/products", json=product)  # error: BL704

    def push_bounded(self, product: dict) -> None:
        self.own.post("https://catalog.example.com/products", json=product, timeout=(3, 30))


def ping() -> int:
    return requests.get("https://status.example.com").status_code  # error: BL704


def rates() -> dict:
    return SESSION.get("https://rates.example.com").json()  # error: BL704


def rates_unbounded() -> dict:
    return httpx.get("https://rates.example.com", timeout=None).json()  # error: BL704


def rates_httpx() -> dict:
    return httpx.get("https://rates.example.com").json()


def page(url: str) -> bytes:
    return urllib.request.urlopen(url).read()  # error: BL704


async def feed() -> str:
    async with aiohttp.ClientSession() as session:  # error: BL704
        async with session.get("https://feed.example.com") as response:
            return await response.text()


def notify(message: str) -> None:
    with smtplib.SMTP("mail.example.com", 587) as server:  # error: BL704
        server.sendmail("bot@example.com", ["ops@example.com"], message)


def report_db() -> None:
    with psycopg.connect("dbname=reports host=db") as connection:  # error: BL704
        connection.execute("select 1")


def forwarded(url: str, **options: object) -> None:
    requests.get(url, **options)
