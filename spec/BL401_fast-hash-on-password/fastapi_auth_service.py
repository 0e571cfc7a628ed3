"""FastAPI login/registration service that stores salted SHA-256 hashes."""
import hashlib as hl
import hmac
import os
from hashlib import sha256 as h

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.db import get_session
from app.models import User

router = APIRouter(prefix="/auth")
PEPPER = os.environ.get("AUTH_PEPPER", "").encode()
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


class RegisterIn(BaseModel):
    email: str
    password: str


def _digest(salt: bytes, password: str) -> str:
    return h(salt + password.encode()).hexdigest()  # error: BL401


@router.post("/register")
def register(body: RegisterIn, session: Session = Depends(get_session)) -> dict[str, str]:
    salt = os.urandom(16)
    user = User(email=body.email, salt=salt.hex())
    user.password_hash = hl.sha512(salt + body.password.encode()).hexdigest()  # error: BL401
    session.add(user)
    return {"status": "created"}


@router.post("/login")
def login(body: RegisterIn, session: Session = Depends(get_session)) -> dict[str, str]:
    user = session.query(User).filter_by(email=body.email).one_or_none()
    if user is None:
        raise HTTPException(status_code=401)
    candidate = f"{user.salt}{body.password}"
    hashed = hl.sha256(candidate.encode()).hexdigest()  # error: BL401
    if not hmac.compare_digest(hashed, user.password_hash):
        raise HTTPException(status_code=401)
    return {"status": "ok"}


def peppered(password: str) -> str:
    mac = hmac.new(PEPPER, digestmod="sha256")
    mac.update(password.encode("utf-8"))  # error: BL401
    return mac.hexdigest()


def stretch_password(password: str, salt: bytes, rounds: int = 5000) -> bytes:
    digest = password.encode()
    for _ in range(rounds):
        digest = hl.sha256(salt + digest + PEPPER).digest()  # error: BL401
    return digest


def hash_password(raw: str) -> str:
    from hashlib import blake2b

    return blake2b(raw.encode(), salt=b"static-salt-1234").hexdigest()  # error: BL401


# Negatives: digests that have nothing to do with passwords.


@router.post("/webhooks/billing")
async def billing_webhook(request: Request) -> dict[str, bool]:
    body = await request.body()
    expected = hmac.new(WEBHOOK_SECRET, body, hl.sha256).hexdigest()
    received = request.headers.get("X-Signature", "")
    return {"valid": hmac.compare_digest(expected, received)}


def cache_key_for(path: str, query: str) -> str:
    return "page:" + hl.md5(f"{path}?{query}".encode()).hexdigest()


def file_checksum(path: str) -> str:
    digest = hl.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pinned_message_etag(pinned_message: str, spinner_state: str) -> str:
    return h(f"{pinned_message}:{spinner_state}".encode()).hexdigest()


def password_reset_token_digest(password_reset_token: str) -> str:
    # A random reset token is high-entropy; a fast hash of it in the database is fine.
    return h(password_reset_token.encode()).hexdigest()
