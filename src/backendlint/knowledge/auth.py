"""How frameworks spell an authentication requirement: decorators, mixins, permission
classes, FastAPI security schemes and the statuses that refuse a request. Pure tables;
facts from each framework's documentation."""

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
