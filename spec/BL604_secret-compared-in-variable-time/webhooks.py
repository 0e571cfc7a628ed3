import hashlib
import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden


def stripe_webhook(request):
    signature = request.headers.get("Stripe-Signature")
    expected_signature = hmac.new(settings.STRIPE_SECRET.encode(), request.body,
                                  hashlib.sha256).hexdigest()
    if signature != expected_signature:  # error: BL604 "signature"
        return HttpResponseForbidden()
    return HttpResponse("ok")


def api_key_ok(request) -> bool:
    return request.headers["X-Api-Key"] == settings.API_KEY  # error: BL604 "X-Api-Key"


def check_digest(body: bytes, header: str) -> bool:
    return hmac.new(b"k", body, hashlib.sha256).hexdigest() == header  # error: BL604


def reset_token_valid(user, token: str) -> bool:
    return user.reset_token == token  # error: BL604


def allowed_token(token: str, allowed_tokens: list[str]) -> bool:
    tokens = ["a", "b"]
    return token in [allowed_tokens[0], tokens[1]]  # error: BL604 "in"


def wallet_key_type(wallet, key_value: str) -> str:
    if wallet.adminkey != key_value:  # error: BL604 "wallet.adminkey"
        return "invoice"
    return "admin"


def admin_only(request, config) -> None:
    token = request.headers.get("Authorization", "")
    if not token.startswith("Bearer ") or token[7:] != config.ADMIN_TOKEN:  # error: BL604
        raise PermissionError
