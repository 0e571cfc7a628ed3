"""Settings read from disk; fine at import time, not on every request."""

import json
from functools import lru_cache


def load_settings(path: str = "settings.json") -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache
def feature_flags() -> dict:
    return load_settings().get("flags", {})


def default_timeout() -> float:
    # Pure computation: calling it from async code is fine.
    return 5.0


async def refresh_settings() -> dict:
    return {}
