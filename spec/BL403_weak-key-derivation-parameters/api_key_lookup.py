"""API keys are random: a fast, deterministic KDF is enough to look them up. Passwords are not."""

import hashlib

LOOKUP_SALT = b"api-key-lookup"


def api_key_lookup_hash(api_key: str) -> str:
    return hashlib.scrypt(api_key.encode("utf-8"), salt=LOOKUP_SALT, n=2, r=1, p=1).hex()


def token_fingerprint(token: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", token, LOOKUP_SALT, 1)


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 1000)  # error: BL403
