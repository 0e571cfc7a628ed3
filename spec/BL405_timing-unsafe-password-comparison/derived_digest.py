"""A digest computed from the password and compared with `==` to whatever was stored leaks
timing just like comparing stored hashes."""

import base64
import hashlib
import hmac
import os


def check_legacy(password: bytes, hashed: str) -> bool:
    return hashlib.sha256(password).hexdigest() == hashed  # error: BL405


def check_pbkdf2(password: str, stored: str) -> bool:
    raw = base64.b64decode(stored)
    salt = raw[:32]
    new_key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    new_key = salt + new_key
    return new_key == raw  # error: BL405


def check_constant_time(password: str, stored: bytes, salt: bytes) -> bool:
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return hmac.compare_digest(candidate, stored)


def same_file(path: str, expected: str) -> bool:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest() == expected


def env_matches(value: str) -> bool:
    return hashlib.sha256(value.encode()).hexdigest() == os.environ.get("EXPECTED", "")
