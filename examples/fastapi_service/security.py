"""Password storage for the orders service: hashing, verification and API keys."""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from hashlib import sha256 as _sha256

from passlib.context import CryptContext

# BL404: md5_crypt is the default scheme (the first one), so every new password gets it.
legacy_context = CryptContext(schemes=["md5_crypt", "bcrypt"])

# Clean: argon2 first, weak schemes only kept to verify old hashes.
pwd_context = CryptContext(schemes=["argon2", "md5_crypt"], deprecated="auto")

PBKDF2_ITERATIONS = 100_000
WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET", "dev").encode()


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    # BL401: a salted SHA-256 is still a fast hash.
    return salt.hex() + "$" + _sha256(salt + password.encode()).hexdigest()


def derive_key(password: str, salt: bytes) -> bytes:
    # BL403: 100,000 PBKDF2-HMAC-SHA256 iterations, OWASP asks for 600,000.
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)


def issue_api_key(user_id: int) -> str:
    # BL402: an API key derived from MD5 of guessable input.
    api_key = hashlib.md5(f"{user_id}:{time.time()}".encode()).hexdigest()
    return api_key


def verify_webhook(body: bytes, signature: str) -> bool:
    # Clean: an HMAC-SHA256 of the request body, compared in constant time.
    expected = hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def catalogue_etag(payload: bytes) -> str:
    # Clean: MD5 as a content fingerprint is not a security control.
    return hashlib.md5(payload).hexdigest()


def verify_password(user: dict[str, str], password: str) -> bool:
    salt_hex, _, _ = user["password_hash"].partition("$")
    candidate = salt_hex + "$" + _sha256(bytes.fromhex(salt_hex) + password.encode()).hexdigest()  # BL401
    # BL405: `==` leaks timing; use hmac.compare_digest or pwd_context.verify.
    return candidate == user["password_hash"]
