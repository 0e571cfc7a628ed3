"""A team that raised the bar above OWASP's numbers in its config."""
import hashlib

import bcrypt


def derive(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  # error: BL403


def bcrypt_salt() -> bytes:
    return bcrypt.gensalt(rounds=12)  # error: BL403


def derive_strong(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1_200_000)
