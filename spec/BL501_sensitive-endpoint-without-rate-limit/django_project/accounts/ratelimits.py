"""The project's own session-based limiter, as Weblate writes one."""

from functools import wraps

from django.core.cache import cache
from django.shortcuts import redirect


def session_ratelimit_post(scope: str):
    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            key = f"rl:{scope}:{request.session.session_key}"
            if request.method == "POST" and cache.get_or_set(key, 0, 300) > 5:
                return redirect("login")
            cache.incr(key)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def ratelimit_exempt(view):
    view.ratelimit_exempt = True
    return view


def check_rate_limit(scope: str, request) -> bool:
    key = f"rl:{scope}:{request.META.get('REMOTE_ADDR')}"
    return cache.get_or_set(key, 0, 300) <= 5
