"""A digest of a password used as the key of an in-memory cache (of a request's credentials,
say for Basic auth against a slow backend) stores nothing for a later login."""

import hashlib


class BasicAuthCache:
    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def lookup(self, username: str, password: str) -> str | None:
        cache_key = hashlib.sha256(f"{username}:{password}".encode()).hexdigest()
        return self._cache.get(cache_key)

    def remember(self, username: str, password: str, user: str) -> None:
        self._cache[hashlib.sha256(password.encode()).hexdigest()] = user

    def seen(self, password: str) -> bool:
        return hashlib.sha256(password.encode()).hexdigest() in self._cache


def _credentials_cache_key(username: str, password: str) -> str:
    return hashlib.sha256(f"{username}{password}".encode()).hexdigest()


def remember_login(store: dict[str, str], password: str) -> None:
    store[hashlib.sha256(password.encode()).hexdigest()] = "ok"  # error: BL401
