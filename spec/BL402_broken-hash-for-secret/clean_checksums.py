import hashlib
import secrets


def file_checksum(data: bytes) -> str:
    checksum = hashlib.md5(data).hexdigest()
    return checksum


def new_token() -> str:
    token = hashlib.sha1(secrets.token_bytes(32)).hexdigest()
    return token


def cache_key(url: str) -> str:
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
