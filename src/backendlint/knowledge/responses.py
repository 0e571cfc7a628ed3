"""What sends a value to an HTTP client: response constructors, client-facing exceptions and
the helpers that abort a request, per framework (FastAPI/Starlette, Flask/Werkzeug, Django,
Django REST framework), with the argument that carries the body. Pure tables."""

from __future__ import annotations

# Where the client-visible text goes: (position, keyword) of the body argument; position -1
# means every positional argument and every keyword argument (`jsonify(error=...)`).
ResponseArgument = tuple[int, str]
EVERY_ARGUMENT: ResponseArgument = (-1, "")

# Constructors and helpers whose body argument reaches the client, by qualified name.
RESPONSE_SINKS: dict[str, ResponseArgument] = {
    # FastAPI / Starlette
    "fastapi.HTTPException": (1, "detail"),
    "fastapi.exceptions.HTTPException": (1, "detail"),
    "starlette.exceptions.HTTPException": (1, "detail"),
    "fastapi.WebSocketException": (1, "reason"),
    "fastapi.responses.JSONResponse": (0, "content"),
    "fastapi.responses.ORJSONResponse": (0, "content"),
    "fastapi.responses.UJSONResponse": (0, "content"),
    "fastapi.responses.PlainTextResponse": (0, "content"),
    "fastapi.responses.HTMLResponse": (0, "content"),
    "fastapi.responses.Response": (0, "content"),
    "fastapi.Response": (0, "content"),
    "starlette.responses.JSONResponse": (0, "content"),
    "starlette.responses.PlainTextResponse": (0, "content"),
    "starlette.responses.HTMLResponse": (0, "content"),
    "starlette.responses.Response": (0, "content"),
    # Flask / Werkzeug
    "flask.jsonify": EVERY_ARGUMENT,
    "flask.json.jsonify": EVERY_ARGUMENT,
    "flask.make_response": EVERY_ARGUMENT,
    "flask.Response": (0, "response"),
    "flask.wrappers.Response": (0, "response"),
    "werkzeug.wrappers.Response": (0, "response"),
    "flask.abort": (1, "description"),
    "werkzeug.exceptions.abort": (1, "description"),
    "flask.flash": (0, "message"),
    "flask_restful.abort": EVERY_ARGUMENT,
    "flask_smorest.abort": EVERY_ARGUMENT,
    # Django
    "django.http.HttpResponse": (0, "content"),
    "django.http.HttpResponseBadRequest": (0, "content"),
    "django.http.HttpResponseServerError": (0, "content"),
    "django.http.HttpResponseForbidden": (0, "content"),
    "django.http.HttpResponseNotFound": (0, "content"),
    "django.http.JsonResponse": (0, "data"),
    "django.http.response.HttpResponse": (0, "content"),
    "django.http.response.JsonResponse": (0, "data"),
    "django.contrib.messages.error": (1, "message"),
    "django.contrib.messages.warning": (1, "message"),
    "django.contrib.messages.add_message": (2, "message"),
    # Django REST framework
    "rest_framework.response.Response": (0, "data"),
    "rest_framework.exceptions.APIException": (0, "detail"),
    "rest_framework.exceptions.ValidationError": (0, "detail"),
    "rest_framework.exceptions.ParseError": (0, "detail"),
    "rest_framework.exceptions.PermissionDenied": (0, "detail"),
    "rest_framework.exceptions.NotFound": (0, "detail"),
    "rest_framework.exceptions.AuthenticationFailed": (0, "detail"),
    "rest_framework.exceptions.NotAcceptable": (0, "detail"),
}

# Exception classes that carry text meant for clients: catching one of these (or a subclass
# defined in the same module) and sending its text is the framework's way, not a leak.
CLIENT_FACING_EXCEPTIONS = frozenset({
    "fastapi.HTTPException", "fastapi.exceptions.HTTPException",
    "fastapi.exceptions.RequestValidationError", "fastapi.exceptions.WebSocketException",
    "fastapi.WebSocketException", "starlette.exceptions.HTTPException",
    "werkzeug.exceptions.HTTPException", "pydantic.ValidationError",
    "pydantic.error_wrappers.ValidationError", "pydantic_core.ValidationError",
    "django.core.exceptions.ValidationError", "django.core.exceptions.PermissionDenied",
    "django.forms.ValidationError", "rest_framework.exceptions.ValidationError",
    "rest_framework.exceptions.APIException", "marshmallow.ValidationError",
    "marshmallow.exceptions.ValidationError", "jsonschema.ValidationError",
    "jsonschema.exceptions.ValidationError", "wtforms.validators.ValidationError",
    "flask_smorest.abort", "email_validator.EmailNotValidError",
})
# Module prefixes whose every exception is client-facing (Werkzeug's `BadRequest`, DRF's).
CLIENT_FACING_PREFIXES = ("werkzeug.exceptions.", "rest_framework.exceptions.",
                          "starlette.exceptions.", "fastapi.exceptions.")

# Response calls recognised by their method name whatever the receiver resolves to
# (`templates.TemplateResponse(...)` on a `Jinja2Templates` built by a factory), with the
# receiver words required (empty: any receiver).
ATTRIBUTE_SINKS: dict[str, tuple[frozenset[str], ResponseArgument]] = {
    "TemplateResponse": (frozenset(), EVERY_ARGUMENT),
    "close": (frozenset({"websocket", "ws", "socket"}), (1, "reason")),
    "send_json": (frozenset({"websocket", "ws", "socket"}), (0, "data")),
    "send_text": (frozenset({"websocket", "ws", "socket"}), (0, "data")),
}
# Template rendering: what the template shows reaches the client.
RESPONSE_SINKS.update({
    "flask.render_template": EVERY_ARGUMENT,
    "flask.templating.render_template": EVERY_ARGUMENT,
    "django.shortcuts.render": (2, "context"),
})
# Calls that make an error response by their status: `abort(500)`, `HttpResponseServerError`.
ERROR_STATUS_CALLS = frozenset({
    "flask.abort", "werkzeug.exceptions.abort", "flask_restful.abort", "flask_smorest.abort",
    "django.http.HttpResponseBadRequest", "django.http.HttpResponseServerError",
    "django.http.HttpResponseForbidden", "django.http.HttpResponseNotFound",
    "django.http.HttpResponseNotAllowed", "django.http.HttpResponseGone",
    "django.shortcuts.get_object_or_404",
})
# Keywords that carry a response's status.
STATUS_KEYWORDS = ("status_code", "status", "code")

# Decorator attributes that register an error handler (`@app.exception_handler(Exc)`,
# `@app.errorhandler(500)`, `@bp.app_errorhandler(404)`), and the registering calls.
ERROR_HANDLER_DECORATORS = frozenset({"exception_handler", "errorhandler",
                                      "app_errorhandler"})
ERROR_HANDLER_REGISTRATIONS = frozenset({"add_exception_handler", "register_error_handler"})
# Module-level names that make a function Django's error view.
DJANGO_ERROR_VIEWS = frozenset({"handler400", "handler403", "handler404", "handler500"})
# Class-based view bases (prefixes) whose HTTP-method methods serve requests.
VIEW_BASE_PREFIXES = ("rest_framework.", "django.views.", "flask.views.", "flask_restful.",
                      "flask_restx.", "flask_smorest.", "starlette.endpoints.",
                      "tornado.web.", "ninja.")
# Last words of a base class name that mark a project's own view base.
VIEW_BASE_SUFFIXES = ("View", "ViewSet", "Viewset", "APIView", "Resource", "Endpoint",
                      "Handler", "MethodView")
