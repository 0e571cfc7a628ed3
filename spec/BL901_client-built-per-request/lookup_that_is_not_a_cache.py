"""Lookups that return early but keep nothing across requests: the client is still per request."""
import httpx
from fastapi import APIRouter

router = APIRouter()


async def fetch_profile(user: str, overrides: dict[str, dict]) -> dict:
    try:
        return overrides[user]
    except KeyError:
        pass
    async with httpx.AsyncClient() as client:  # error: BL901 "which endpoint `profile` calls"
        response = await client.get(f"https://profiles.example.org/{user}")
    return response.json()


def fetch_avatar(user: str, sizes: dict[str, int]) -> bytes:
    try:
        return {"small": b""}[user]
    except TypeError:
        pass
    client = httpx.Client()  # error: BL901 "which endpoint `avatar` calls"
    return client.get(f"https://avatars.example.org/{user}?s={sizes[user]}").content


@router.get("/profiles/{user}")
async def profile(user: str) -> dict:
    return await fetch_profile(user, {})


@router.get("/avatars/{user}")
def avatar(user: str) -> bytes:
    return fetch_avatar(user, {})
