"""Filesystem checks through anyio or a thread, and in sync code."""

import asyncio
import os

import anyio


async def has_avatar(user_id: int) -> bool:
    return await anyio.Path(f"/srv/avatars/{user_id}.png").exists()


async def has_avatar_thread(user_id: int) -> bool:
    return await asyncio.to_thread(os.path.exists, f"/srv/avatars/{user_id}.png")


def has_avatar_sync(user_id: int) -> bool:
    return os.path.exists(f"/srv/avatars/{user_id}.png")
