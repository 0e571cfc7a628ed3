"""Where a web request's data enters a handler: the request object's fields in Flask, Django,
DRF and Starlette/FastAPI."""

from __future__ import annotations

# Attributes of a request object that hold what the client sent.
REQUEST_FIELDS = frozenset({
    # Flask / Werkzeug
    "args", "form", "values", "json", "get_json", "data", "get_data", "cookies", "headers",
    "files", "view_args",
    # Django / DRF
    "GET", "POST", "COOKIES", "META", "body", "query_params", "FILES",
    # Starlette / FastAPI
    "path_params", "query_string",
})
# The request objects that are module globals (Flask's context-local request).
GLOBAL_REQUESTS = frozenset({"flask.request", "flask.globals.request", "quart.request"})
# Annotations of a handler parameter that is the request object.
REQUEST_CLASSES = frozenset({
    "fastapi.Request", "starlette.requests.Request", "fastapi.requests.Request",
    "django.http.HttpRequest", "django.http.request.HttpRequest", "rest_framework.request.Request",
})
# Parameter annotations that cannot carry markup (FastAPI converts and validates them).
SCALAR_ANNOTATIONS = frozenset({
    "int", "float", "bool", "UUID", "uuid.UUID", "datetime", "date", "Decimal", "EmailStr",
    "PositiveInt", "conint", "condecimal",
})
