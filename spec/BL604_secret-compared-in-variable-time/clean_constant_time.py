import hmac

from django.conf import settings

REVOKED = {"old-token"}


def api_key_ok(request) -> bool:
    return hmac.compare_digest(request.headers["X-Api-Key"], settings.API_KEY)


def token_kind(payload: dict[str, str]) -> bool:
    return payload["token_type"] == "refresh"


def paginate(page_token: str, next_page_token: str) -> bool:
    return page_token == next_page_token


def revoked(token: str) -> bool:
    return token in REVOKED


def has_token(token: str | None) -> bool:
    return token is not None and token != ""


def passwords_are_bl405s(user, password: str) -> bool:
    return user.password_hash == password


def still_holds_lock(store, token: str) -> bool:
    return store.get(BUILD_LOCK_KEY) == token


def same_signer(account, pubkey: str) -> bool:
    return account.pubkey != pubkey


BUILD_LOCK_KEY = "tiles:build-lock"


class PathTokens:
    PROJECT = "project"


def is_project_token(token: str) -> bool:
    return token == PathTokens.PROJECT


def secret_key_changed(app, default_settings) -> bool:
    return app.config["SECRET_KEY"] == default_settings.SECRET_KEY


def default_token_model(token_model, DefaultTokenModel) -> bool:
    return token_model == DefaultTokenModel


def cache_hit(cached_digest: str, digest: str) -> bool:
    return cached_digest == digest
