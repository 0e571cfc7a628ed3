"""HTTP through async clients, and sync clients only in sync code or threads."""

import asyncio

import httpx
import requests


async def rates() -> dict:
    async with httpx.AsyncClient() as client:
        response = await client.get("https://api.example.com/rates")
    return response.json()


def rates_sync() -> dict:
    return requests.get("https://api.example.com/rates", timeout=5).json()


async def rates_in_thread() -> dict:
    response = await asyncio.to_thread(requests.get, "https://api.example.com/rates")
    return response.json()
