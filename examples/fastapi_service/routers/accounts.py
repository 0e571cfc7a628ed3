"""Account management: every route needs the signed-in user, but one was added without it."""

from __future__ import annotations

import hashlib
import hmac
import random

import jwt
from fastapi import APIRouter, Depends, Header, HTTPException

from ..dependencies import get_current_user

router = APIRouter(prefix="/accounts")
WEBHOOK_SECRET = b"loaded-from-the-environment"


@router.get("/me")
async def read_me(user: dict[str, str] = Depends(get_current_user)) -> dict[str, str]:
    return user


@router.patch("/me")
async def update_me(user: dict[str, str] = Depends(get_current_user)) -> dict[str, str]:
    return user


@router.get("/me/sessions")
async def my_sessions(user: dict[str, str] = Depends(get_current_user)) -> list[str]:
    return []


# BL601: the siblings all depend on get_current_user; this delete does not.
@router.delete("/{account_id}")
async def delete_account(account_id: int) -> None:
    return None


@router.post("/me/invite")
async def invite(user: dict[str, str] = Depends(get_current_user)) -> dict[str, str]:
    # BL607: invitation tokens from `random` can be predicted.
    invite_token = "%016x" % random.getrandbits(64)
    return {"token": invite_token}


def claims_of(token: str) -> dict[str, str]:
    # BL603: the signature is never checked.
    return jwt.decode(token, options={"verify_signature": False})


@router.post("/billing-events")
async def billing_events(x_signature: str = Header(...)) -> None:
    expected_signature = hmac.new(WEBHOOK_SECRET, b"body", hashlib.sha256).hexdigest()
    # BL604: `!=` leaks how much of the signature matched.
    if x_signature != expected_signature:
        raise HTTPException(status_code=403)
