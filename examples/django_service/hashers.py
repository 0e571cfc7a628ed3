"""Password hashers of the sales back office, including the one for users imported from the
old PHP shop."""

from __future__ import annotations

import hashlib

from django.contrib.auth.hashers import BasePasswordHasher, PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.http import HttpRequest, JsonResponse
from django.utils.crypto import constant_time_compare, get_random_string


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    # BL403: lowers Django's PBKDF2 to 50,000 iterations (OWASP: 600,000).
    iterations = 50_000


class LegacyShopHasher(BasePasswordHasher):
    algorithm = "legacy_shop"

    def salt(self) -> str:
        return get_random_string(8)

    def encode(self, password: str, salt: str) -> str:
        # BL401: salted SHA-1 from the old shop; rehash on next login instead.
        digest = hashlib.sha1((salt + password).encode()).hexdigest()
        return f"{self.algorithm}${salt}${digest}"

    def verify(self, password: str, encoded: str) -> bool:
        _, salt, _ = encoded.split("$", 2)
        # Clean: constant-time comparison of the stored hash.
        return constant_time_compare(self.encode(password, salt), encoded)

    def safe_summary(self, encoded: str) -> dict[str, str]:
        return {"algorithm": self.algorithm}


def import_shop_user(request: HttpRequest) -> JsonResponse:
    user = User(username=request.POST["username"], email=request.POST["email"])
    # BL406: Django's `password` field holds the hash; call user.set_password().
    user.password = request.POST["password"]
    user.save()
    return JsonResponse({"id": user.pk}, status=201)


def approve_refund(request: HttpRequest) -> JsonResponse:
    # BL405: the stored refund PIN is compared with `!=`; use constant_time_compare.
    if request.user.profile.refund_pin != request.POST["pin"]:
        return JsonResponse({"error": "wrong PIN"}, status=403)
    return JsonResponse({"approved": True})


def reset_shop_user(request: HttpRequest) -> JsonResponse:
    # Clean: set_password hashes with the first PASSWORD_HASHERS entry.
    request.user.set_password(request.POST["password"])
    request.user.save()
    return JsonResponse({})
