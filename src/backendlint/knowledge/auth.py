"""How frameworks spell an authentication requirement: decorators, mixins, permission
classes, FastAPI security schemes and the statuses that refuse a request. Pure tables;
facts from each framework's documentation."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

# FastAPI/Starlette security schemes a dependency can take (`Depends(oauth2_scheme)`).
SECURITY_SCHEMES = (
    "fastapi.security.OAuth2PasswordBearer", "fastapi.security.OAuth2AuthorizationCodeBearer",
    "fastapi.security.HTTPBearer", "fastapi.security.HTTPBasic", "fastapi.security.HTTPDigest",
    "fastapi.security.APIKeyHeader", "fastapi.security.APIKeyCookie",
    "fastapi.security.APIKeyQuery", "fastapi.security.OpenIdConnect",
    "fastapi.security.oauth2.OAuth2PasswordBearer", "fastapi.security.http.HTTPBearer",
    "fastapi.security.api_key.APIKeyHeader",
)
UNAUTHORISED_STATUSES = frozenset({401, 403})

# Decorators that require a logged-in or permitted user (qualified names).
AUTH_DECORATORS = frozenset({
    "flask_login.login_required", "flask_login.utils.login_required",
    "flask_login.fresh_login_required", "flask_security.login_required",
    "flask_security.auth_required", "flask_security.roles_required",
    "flask_security.roles_accepted", "flask_security.permissions_required",
    "flask_security.decorators.auth_required", "flask_jwt_extended.jwt_required",
    "flask_jwt_extended.view_decorators.jwt_required", "flask_httpauth.HTTPBasicAuth().login_required",
    "django.contrib.auth.decorators.login_required",
    "django.contrib.auth.decorators.permission_required",
    "django.contrib.auth.decorators.user_passes_test",
    "django.contrib.admin.views.decorators.staff_member_required",
    "rest_framework.decorators.permission_classes",
})
# The last word(s) of a project's own decorator or dependency that requires a user.
AUTH_NAME_WORDS = frozenset({
    "login_required", "auth_required", "jwt_required", "token_required", "admin_required",
    "staff_required", "roles_required", "permission_required", "permissions_required",
    "requires_auth", "require_auth", "require_login", "require_user", "require_admin",
    "authenticated", "authenticate", "current_user", "get_current_user",
    "get_current_active_user", "current_active_user", "get_current_superuser",
    "verify_token", "verify_api_key", "validate_token", "check_token", "get_api_key",
    "require_api_key", "api_key_auth", "get_user_from_token", "current_superuser",
    "login_user_required", "user_required", "auth", "authorize", "authorized",
})
# Django class-view mixins that require a user.
AUTH_MIXINS = frozenset({
    "django.contrib.auth.mixins.LoginRequiredMixin",
    "django.contrib.auth.mixins.PermissionRequiredMixin",
    "django.contrib.auth.mixins.UserPassesTestMixin",
})
# DRF permission classes that let anyone in; any other listed class is a requirement.
DRF_OPEN_PERMISSIONS = frozenset({"rest_framework.permissions.AllowAny", "AllowAny"})
# Django 5.1's LoginRequiredMiddleware and the decorator that opts a view out of it.
LOGIN_REQUIRED_MIDDLEWARE = "django.contrib.auth.middleware.LoginRequiredMiddleware"
LOGIN_NOT_REQUIRED = "django.contrib.auth.decorators.login_not_required"

# ----------------------------------------------------------------------------------
# Rate limiting's questions about who can reach an endpoint (semantic/endpoints/access.py).

# The decorators above, and Starlette's `@requires("authenticated")`.
GUARD_DECORATORS = AUTH_DECORATORS | {"starlette.authentication.requires"}
# Library views that require a signed-in user themselves.
LOGIN_REQUIRED_VIEWS = frozenset({
    "django.contrib.auth.views.PasswordChangeView",
    "django.contrib.auth.views.PasswordChangeDoneView",
})
DRF_READ_ONLY_PERMISSIONS = frozenset({"IsAuthenticatedOrReadOnly",
                                       "DjangoModelPermissionsOrAnonReadOnly"})
# FastAPI security schemes whose dependency needs a bearer token or API key (an endpoint
# that depends on them is not open to anonymous clients); HTTPBasic is not among them: it
# takes a username and password, which is what a login endpoint does.
TOKEN_SCHEMES = frozenset({
    "fastapi.security.OAuth2PasswordBearer", "fastapi.security.OAuth2AuthorizationCodeBearer",
    "fastapi.security.HTTPBearer", "fastapi.security.APIKeyHeader",
    "fastapi.security.APIKeyQuery", "fastapi.security.APIKeyCookie",
    "fastapi.security.OpenIdConnect", "fastapi.security.oauth2.OAuth2PasswordBearer",
    "fastapi.security.http.HTTPBearer", "fastapi.security.api_key.APIKeyHeader",
})

# What a function's body does, by the attribute or name it uses (markers in the endpoint
# model): it checks who the user is; it only redirects to an OAuth provider; it verifies a
# signature (webhooks, provider tokens); it counts failed attempts (credential lockout).
_AUTH_CHECK = re.compile(
    r"(is_(authenticated|anonymous|staff|superuser|admin)|has_(perm|perms|permission|"
    r"permissions|role|roles|claim|access)|check_(permission|permissions|auth|access)|"
    r"current_user|get_current_user|login_required|unauthorized|user_passes_test|"
    r"PermissionDenied|NotAuthenticated)")
OAUTH_REDIRECT_NAMES = frozenset({"authorize_redirect", "authorization_url",
                                  "create_authorization_url", "get_authorization_url",
                                  "authorize_url"})
SIGNATURE_CHECK_NAMES = frozenset({"construct_event", "verify_signature", "compare_digest",
                                   "verify_oauth2_token", "verify_webhook", "validate_signature",
                                   "check_signature", "verify_request_signature"})
_LOCKOUT = re.compile(r"fail(ed)?_?(login_?)?(count|counter|attempts?)|login_?attempts|"
                      r"lock_?out|locked_?until|max_?(login_?)?attempts|failcount")

AUTH_CHECK = "auth_check"
OAUTH_REDIRECT = "oauth_redirect"
SIGNATURE_CHECK = "signature_check"
LOCKOUT = "lockout"


def body_marker(name: str) -> Optional[str]:
    """The marker a name used in a function body sets, if any (asked for every attribute
    of every function: answers are memoised by name)."""
    found = _MARKERS.get(name, _UNSET)
    if found is _UNSET:
        found = _MARKERS[name] = _body_marker(name)
    return found  # type: ignore[return-value]


_UNSET = object()
_MARKERS: dict[str, object] = {}


def _body_marker(name: str) -> Optional[str]:
    if _AUTH_CHECK.fullmatch(name):
        return AUTH_CHECK
    if name in OAUTH_REDIRECT_NAMES:
        return OAUTH_REDIRECT
    if name in SIGNATURE_CHECK_NAMES:
        return SIGNATURE_CHECK
    if _LOCKOUT.search(name.lower()):
        return LOCKOUT
    return None


_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
# Words that say a dependency or decorator is a tool of auth, not a guard
# (`get_user_manager`, `get_authentication_flow`).
_NOT_A_GUARD = frozenset({"optional", "manager", "repository", "repo", "service", "form",
                          "flow", "class", "config", "settings", "db", "factory", "maybe",
                          "forbidden", "anonymous", "anon", "grant", "credentials",
                          "password", "getter", "loader", "provider", "providers"})


# What a guard requires (`login_required`, `require_admin`; not `require_POST`).
_AUTH_WORDS = frozenset({"login", "signin", "auth", "authenticated", "authentication", "user",
                         "users", "admin", "staff", "superuser", "permission", "permissions",
                         "role", "roles", "token", "jwt", "key", "member", "verified", "logged",
                         "account", "perm", "perms", "scope", "scopes", "group", "groups"})


def name_words(name: str) -> list[str]:
    """`get_current_user`, `CurrentUser`, `http_basic_or_jwt_token` → lower-case words."""
    last = name.rsplit(".", 1)[-1]
    return [w for w in _SPLIT.split(_CAMEL.sub(r"\1 \2", last).lower()) if w]


@lru_cache(maxsize=4096)
def named_like_a_guard(name: Optional[str]) -> bool:
    """A dependency or decorator whose name says it needs a signed-in or privileged user:
    `get_current_user`, `current_active_user`, `login_required`, `admin_required`,
    `require_auth`, `http_basic_or_jwt_token`, `validate_ws_token`; not an optional one
    (`get_optional_user`) nor a tool (`get_user_manager`)."""
    if not name:
        return False
    words = name_words(name)
    if not words or any(word in _NOT_A_GUARD for word in words):
        return False
    joined = "_".join(words)
    if ("required" in words or words[0] in ("require", "requires", "ensure", "need", "needs")) \
            and set(words) & _AUTH_WORDS:
        return True
    if any(word in ("user", "superuser", "admin", "staff", "jwt", "authenticated",
                    "permission", "permissions", "principal") for word in words):
        return True
    if "token" in words and any(word in ("verify", "validate", "check", "decode")
                                for word in words):
        return True
    return "api_key" in joined or ("login" in words and "session" in words)
