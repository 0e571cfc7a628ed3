"""Rate-limiting libraries: slowapi, flask-limiter, fastapi-limiter, django-ratelimit, DRF
throttles, and the lockout packages (django-axes, django-defender). Pure tables and name
tests; no traversal."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

LIMITER_TYPES: dict[str, str] = {
    "slowapi.Limiter": "slowapi",
    "slowapi.extension.Limiter": "slowapi",
    "flask_limiter.Limiter": "flask_limiter",
    "flask_limiter.extension.Limiter": "flask_limiter",
}
# Library roots of limiter objects (a receiver named through an import of them).
LIMITER_LIBRARIES = (("slowapi", "slowapi"), ("flask_limiter", "flask_limiter"))
RATE_LIMITER_DEPENDENCIES = frozenset({
    "fastapi_limiter.depends.RateLimiter",
    "fastapi_limiter.depends.WebSocketRateLimiter",
})
FASTAPI_LIMITER_INIT = frozenset({
    "fastapi_limiter.FastAPILimiter.init",
    "fastapi_limiter.depends.FastAPILimiter.init",
})
SLOWAPI_MIDDLEWARE = frozenset({
    "slowapi.middleware.SlowAPIMiddleware",
    "slowapi.middleware.SlowAPIASGIMiddleware",
    "slowapi.SlowAPIMiddleware",
    "slowapi.SlowAPIASGIMiddleware",
})
RATE_LIMIT_EXCEEDED = frozenset({"slowapi.errors.RateLimitExceeded", "slowapi.RateLimitExceeded"})
# Methods of slowapi / flask-limiter limiters that limit what they decorate.
LIMIT_METHODS = frozenset({"limit", "shared_limit"})
THROTTLE_CLASSES_DECORATOR = "rest_framework.decorators.throttle_classes"
SCOPED_THROTTLE = "rest_framework.throttling.ScopedRateThrottle"
# The settings scope of DRF's built-in rate throttles.
DRF_CLASS_SCOPES = {"AnonRateThrottle": "anon", "UserRateThrottle": "user"}
# Django packages that lock out repeated failed logins project-wide (django-axes,
# django-defender): brute force is already throttled.
LOCKOUT_MIDDLEWARE = frozenset({"axes.middleware.AxesMiddleware",
                                "defender.middleware.FailedLoginMiddleware"})

_LIMITER_WORDS = ("ratelimit", "rate_limit", "throttle")
_NOT_A_LIMIT_WORDS = ("exempt", "skip", "disable", "bypass", "without", "no_", "unlimit")


def is_ratelimit_decorator(qualified: Optional[str]) -> bool:
    """django-ratelimit's `ratelimit` (package `django_ratelimit`, formerly `ratelimit`)."""
    if not qualified:
        return False
    root = qualified.split(".", 1)[0]
    return root in ("django_ratelimit", "ratelimit") and qualified.endswith(".ratelimit")


@lru_cache(maxsize=4096)
def named_like_a_limiter(qualified: Optional[str]) -> bool:
    """A project's own limit decorator or check that says so in its name
    (`session_ratelimit_post`, `throttle_login`, `is_ratelimited`), which the `decorators`
    option would otherwise have to list; not one that says it lifts a limit
    (`ratelimit_exempt`, `skip_throttle`)."""
    if not qualified:
        return False
    name = qualified.rsplit(".", 1)[-1].lower()
    return (any(word in name for word in _LIMITER_WORDS)
            and not any(word in name for word in _NOT_A_LIMIT_WORDS))


def limiter_library(receiver: Optional[str]) -> Optional[str]:
    """slowapi or flask_limiter when a receiver is named through the library itself."""
    if not receiver:
        return None
    for prefix, library in LIMITER_LIBRARIES:
        if receiver == prefix or receiver.startswith(prefix + "."):
            return library
    return None


# Words that name a limiter object or a project's limit dependency (`self.limiter`,
# `quota`, `EmailAttemptRateLimiter`, `UserQuota`, `login_throttle`).
_LIMIT_OBJECT_WORDS = frozenset({"limiter", "limiters", "ratelimiter", "ratelimit", "throttle",
                                 "throttler", "throttling", "quota", "quotas"})
_LIMIT_DEPENDENCY_WORDS = _LIMIT_OBJECT_WORDS | {"limit", "limits", "ratelimited", "throttled"}
_NOT_A_LIMIT = frozenset({"exempt", "skip", "disable", "disabled", "bypass", "without", "no",
                          "unlimited", "reset", "clear"})
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


def _words(name: str) -> list[str]:
    last = name.rsplit(".", 1)[-1]
    return [w for w in _WORD_SPLIT.split(_CAMEL.sub(r"\1 \2", last).lower()) if w]


@lru_cache(maxsize=4096)
def named_like_a_limit_object(name: Optional[str]) -> bool:
    """`self.limiter`, `quota`, `login_throttle`: an object whose methods check a limit."""
    words = _words(name or "")
    return bool(words) and bool(set(words) & _LIMIT_OBJECT_WORDS) \
        and not set(words) & _NOT_A_LIMIT


@lru_cache(maxsize=4096)
def named_like_a_limit_dependency(name: Optional[str]) -> bool:
    """A dependency (or wrapper) whose name says it limits: `EmailAttemptRateLimiter`,
    `UserQuota`, `rate_limit`, `limit_login`; not one that lifts a limit."""
    words = _words(name or "")
    return bool(words) and bool(set(words) & _LIMIT_DEPENDENCY_WORDS) \
        and not set(words) & _NOT_A_LIMIT


# Lockout of the credential itself after repeated failures (django-axes, django-defender).
LOCKOUT_DECORATORS = frozenset({"defender.decorators.watch_login", "axes.decorators.axes_dispatch",
                                "axes.decorators.axes_form_invalid"})
LOCKOUT_BACKENDS = frozenset({"axes.backends.AxesBackend", "axes.backends.AxesStandaloneBackend",
                              "axes.backends.AxesModelBackend"})
