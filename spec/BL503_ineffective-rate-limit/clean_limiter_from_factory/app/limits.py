from slowapi import Limiter
from slowapi.util import get_remote_address


def build_limiter(storage_uri: str) -> Limiter:
    limiter = Limiter(key_func=get_remote_address, storage_uri=storage_uri,
                      default_limits=["100/minute"])
    return limiter


limiter = build_limiter("memory://")
