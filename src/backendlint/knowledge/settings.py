"""Framework settings that production must not keep at their development values (Django,
django-cors-headers, Flask configuration)."""

from __future__ import annotations

import re

# Stems of settings modules that are never production.
DEV_SETTINGS_STEMS = re.compile(
    r"(dev|devel|develop|development|local|localhost|test|tests|testing|test_\w*|\w*_test|"
    r"\w*_tests|ci|debug|sandbox|example|examples|demo|sample|docker_dev|dev_\w*|\w*_dev|"
    r"\w*_local|local_\w*)\Z")
# Words in a Flask config class name that say it is not production.
DEV_CONFIG_CLASS_WORDS = ("dev", "test", "local", "debug", "ci")
# Folders whose settings are not an application's production settings.
NOT_PRODUCTION_DIRS = frozenset({
    "example", "examples", "demo", "demos", "sample", "samples", "sandbox", "docs",
    "testproject", "test_project", "tests", "test", "testapp", "test_app", "example_project",
    "exampleproject", "demo_project", "dev",
})
# Framework defaults that every project overrides: never a project's production settings.
FRAMEWORK_DEFAULT_SETTINGS = frozenset({"django.conf.global_settings"})
# The environment variable Django reads; wsgi/asgi name the production module in it.
SETTINGS_VARIABLE = "DJANGO_SETTINGS_MODULE"
# The settings the web-security rules read from a settings module.
DEBUG = "DEBUG"
SECRET_KEY = "SECRET_KEY"
ALLOWED_HOSTS = "ALLOWED_HOSTS"
MIDDLEWARE = "MIDDLEWARE"
SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
# Cookie flags that production needs True: (setting, what it protects).
COOKIE_FLAGS = {
    "SESSION_COOKIE_SECURE": "the session cookie is sent over plain HTTP",
    "CSRF_COOKIE_SECURE": "the CSRF cookie is sent over plain HTTP",
    "SESSION_COOKIE_HTTPONLY": "scripts can read the session cookie",
}
CORS_ALLOW_ALL = ("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL")
CORS_CREDENTIALS = "CORS_ALLOW_CREDENTIALS"
# Every setting a settings module's facts keep.
WATCHED_SETTINGS = frozenset({
    DEBUG, SECRET_KEY, ALLOWED_HOSTS, MIDDLEWARE, *COOKIE_FLAGS, *CORS_ALLOW_ALL,
    CORS_CREDENTIALS,
})
# Names whose literal value is a signing key.
SECRET_NAMES = ("SECRET_KEY", "JWT_SECRET_KEY")
# Any setting whose name ends so holds a signing key (`WTF_CSRF_SECRET_KEY`).
SECRET_KEY_SUFFIX = "SECRET_KEY"
# Cookie names that carry a session, a login or a CSRF token.
SENSITIVE_COOKIE = re.compile(r"(session|sess\b|sid\b|auth|token|jwt|login|remember|csrf|xsrf)",
                              re.IGNORECASE)
# Application objects whose debug switch BL705 reads.
FLASK_APPS = frozenset({"flask.Flask()", "flask.app.Flask()", "quart.Quart()"})
FASTAPI_APPS = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI",
                          "starlette.applications.Starlette"})
STARLETTE_SESSION_MIDDLEWARE = frozenset({
    "starlette.middleware.sessions.SessionMiddleware",
    "fastapi.middleware.sessions.SessionMiddleware",
})
JWT_ENCODERS = frozenset({"jwt.encode", "jose.jwt.encode", "jwt.api_jwt.encode"})
