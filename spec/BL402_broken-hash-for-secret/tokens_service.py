"""Token, signature and API-key helpers of a Django REST service."""
import hashlib
import time
from hashlib import md5 as _md5

from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from rest_framework.decorators import api_view
from rest_framework.response import Response


def issue_password_reset_code(user_id: int) -> str:
    reset_code = hashlib.md5(f"{user_id}-{time.time()}".encode()).hexdigest()[:8]  # error: BL402
    cache.set(f"reset:{user_id}", reset_code, timeout=900)
    return reset_code


def sign_payment_request(params: dict[str, str]) -> str:
    query = "&".join(f"{key}={params[key]}" for key in sorted(params))
    return _md5((query + settings.PAYMENT_KEY).encode()).hexdigest().upper()  # error: BL402


def make_session_id(user_id: int) -> str:
    seed = f"{user_id}:{time.time_ns()}"
    return hashlib.sha1(seed.encode()).hexdigest()  # error: BL402


@api_view(["POST"])
def create_api_key(request: HttpRequest) -> Response:
    api_key = hashlib.new("sha1", f"{request.user.pk}{time.time()}".encode()).hexdigest()  # error: BL402
    request.user.profile.api_key = api_key
    request.user.profile.save()
    return Response({"api_key": api_key}, status=201)


def webhook_digest(body: bytes) -> str:
    signature = hashlib.md5(body + settings.WEBHOOK_SECRET.encode()).hexdigest()  # error: BL402
    return signature


def sign_callback(payload: bytes) -> str:
    digest = hashes.Hash(hashes.SHA1())
    digest.update(payload + settings.CALLBACK_SECRET.encode())  # error: BL402
    return digest.finalize().hex()


# Negatives: MD5/SHA-1 as a plain fingerprint is fine.


def page_cache_key(request: HttpRequest) -> str:
    cache_key = hashlib.md5(request.get_full_path().encode()).hexdigest()
    return f"views:{cache_key}"


def with_etag(response: HttpResponse) -> HttpResponse:
    response["ETag"] = '"%s"' % hashlib.md5(response.content).hexdigest()
    return response


def file_checksum(path: str) -> str:
    checksum = hashlib.sha1()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            checksum.update(chunk)
    return checksum.hexdigest()


def legacy_session_token(token: str) -> str:
    # The legacy partner API needs MD5 here; the caller marks it as not a security control.
    digest = hashlib.md5(token.encode(), usedforsecurity=False).hexdigest()
    return digest


def gravatar_url(email: str) -> str:
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}"


def generate_token_secure(user_id: int) -> str:
    import secrets

    token = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
    return token
