"""What web frameworks call the things that serve requests: apps, routers, blueprints, URL
patterns, route decorators, method restrictions and library views (FastAPI, Starlette, Flask,
Django, Django REST framework). Pure tables; the endpoint model reads them."""

from __future__ import annotations

# Constructors of the objects that serve routes, by qualified name, and what they are.
APP_TYPES: dict[str, str] = {
    "fastapi.FastAPI": "fastapi",
    "fastapi.applications.FastAPI": "fastapi",
    "starlette.applications.Starlette": "starlette",
    "fastapi.APIRouter": "router",
    "fastapi.routing.APIRouter": "router",
    "flask.Flask": "flask",
    "flask.app.Flask": "flask",
    "flask.Blueprint": "blueprint",
    "flask.blueprints.Blueprint": "blueprint",
}
# Kinds that are applications (serve requests themselves), not routers or blueprints.
APP_KINDS = frozenset({"fastapi", "starlette", "flask"})
# The framework of each kind of route owner.
OWNER_FRAMEWORK = {"router": "fastapi", "blueprint": "flask", "restful": "flask"}

DJANGO_PATHS = frozenset({"django.urls.path", "django.urls.re_path", "django.conf.urls.url"})
STARLETTE_ROUTES = frozenset({"starlette.routing.Route", "starlette.routing.WebSocketRoute"})
STARLETTE_MOUNT = "starlette.routing.Mount"
DRF_ROUTER_PREFIX = "rest_framework.routers."
HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
ROUTE_DECORATORS = frozenset({*HTTP_VERBS, "api_route", "route", "websocket"})
MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Method names of class views that handle one HTTP method each.
HANDLER_METHODS = ("get", "post", "put", "patch", "delete")

# Django's method restrictions, as decorators.
METHOD_DECORATORS: dict[str, list[str]] = {
    "django.views.decorators.http.require_POST": ["POST"],
    "django.views.decorators.http.require_GET": ["GET"],
    "django.views.decorators.http.require_safe": ["GET"],
}
REQUIRE_HTTP_METHODS = "django.views.decorators.http.require_http_methods"
API_VIEW = "rest_framework.decorators.api_view"
DRF_ACTION = "rest_framework.decorators.action"
METHOD_DECORATOR = "django.utils.decorators.method_decorator"
# DRF decorators that take a list of classes as their first argument.
DRF_CLASS_LIST_DECORATORS = frozenset({
    "rest_framework.decorators.throttle_classes",
    "rest_framework.decorators.permission_classes",
    "rest_framework.decorators.authentication_classes",
})
# Class attributes of views that endpoint analyses read.
VIEW_CLASS_LIST_ATTRIBUTES = frozenset({"throttle_classes", "permission_classes",
                                        "authentication_classes"})

# Views of libraries: the framework and the HTTP methods they already implement.
_ALL = ("GET", "POST", "PUT", "PATCH", "DELETE")
KNOWN_VIEW_BASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "rest_framework.views.APIView": ("drf", ()),
    "rest_framework.generics.GenericAPIView": ("drf", ()),
    "rest_framework.generics.CreateAPIView": ("drf", ("POST",)),
    "rest_framework.generics.ListAPIView": ("drf", ("GET",)),
    "rest_framework.generics.RetrieveAPIView": ("drf", ("GET",)),
    "rest_framework.generics.DestroyAPIView": ("drf", ("DELETE",)),
    "rest_framework.generics.UpdateAPIView": ("drf", ("PUT", "PATCH")),
    "rest_framework.generics.ListCreateAPIView": ("drf", ("GET", "POST")),
    "rest_framework.generics.RetrieveUpdateAPIView": ("drf", ("GET", "PUT", "PATCH")),
    "rest_framework.generics.RetrieveDestroyAPIView": ("drf", ("GET", "DELETE")),
    "rest_framework.generics.RetrieveUpdateDestroyAPIView": ("drf", ("GET", "PUT", "PATCH",
                                                                     "DELETE")),
    "rest_framework.viewsets.ViewSet": ("drf", ()),
    "rest_framework.viewsets.GenericViewSet": ("drf", ()),
    "rest_framework.viewsets.ViewSetMixin": ("drf", ()),
    "rest_framework.viewsets.ModelViewSet": ("drf", _ALL),
    "rest_framework.viewsets.ReadOnlyModelViewSet": ("drf", ("GET",)),
    "rest_framework.mixins.CreateModelMixin": ("drf", ("POST",)),
    "rest_framework.mixins.UpdateModelMixin": ("drf", ("PUT", "PATCH")),
    "rest_framework.mixins.DestroyModelMixin": ("drf", ("DELETE",)),
    "rest_framework.mixins.ListModelMixin": ("drf", ("GET",)),
    "rest_framework.mixins.RetrieveModelMixin": ("drf", ("GET",)),
    "django.views.View": ("django", ()),
    "django.views.generic.View": ("django", ()),
    "django.views.generic.base.View": ("django", ()),
    "django.views.generic.TemplateView": ("django", ("GET",)),
    "django.views.generic.DetailView": ("django", ("GET",)),
    "django.views.generic.ListView": ("django", ("GET",)),
    "django.views.generic.RedirectView": ("django", ("GET",)),
    "django.views.generic.FormView": ("django", ("GET", "POST")),
    "django.views.generic.CreateView": ("django", ("GET", "POST")),
    "django.views.generic.UpdateView": ("django", ("GET", "POST")),
    "django.views.generic.DeleteView": ("django", ("GET", "POST")),
    "django.views.generic.edit.FormView": ("django", ("GET", "POST")),
    "django.views.generic.edit.CreateView": ("django", ("GET", "POST")),
    "django.views.generic.edit.UpdateView": ("django", ("GET", "POST")),
    "django.views.generic.edit.DeleteView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.LoginView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.PasswordResetView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.PasswordResetConfirmView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.PasswordChangeView": ("django", ("GET", "POST")),
    "flask.views.MethodView": ("flask", ()),
    "flask.views.View": ("flask", ()),
    # `path("admin/", admin.site.urls)` serves the admin's own log-in form.
    "django.contrib.admin.site.login": ("django", ("GET", "POST")),
}
ADMIN_SITE = "django.contrib.admin.site"
ADMIN_LOGIN = "django.contrib.admin.site.login"
# Library views that, used as they are in urls.py, only render or redirect.
RENDER_ONLY_VIEWS = frozenset({
    "django.views.generic.TemplateView", "django.views.generic.base.TemplateView",
    "django.views.generic.RedirectView", "django.views.generic.base.RedirectView",
    "django.views.generic.DetailView", "django.views.generic.ListView",
})
# Bases that add no handler (mixins for permissions, typing).
NEUTRAL_BASE_PREFIXES = ("django.contrib.auth.mixins.", "builtins.object", "typing.Generic")
# Django's own views that an auth library's views build on (their names tell the purpose).
DJANGO_AUTH_VIEWS_PREFIX = "django.contrib.auth.views."
# A DRF viewset's actions and the methods they serve.
DRF_ACTIONS = {"list": "GET", "retrieve": "GET", "create": "POST", "update": "PUT",
               "partial_update": "PATCH", "destroy": "DELETE"}
# Library prefixes whose calls never alias a project object (cuts fact volume).
LIBRARY_ROOTS = frozenset({
    "builtins", "typing", "os", "logging", "fastapi", "flask", "starlette", "django",
    "rest_framework", "slowapi", "flask_limiter", "fastapi_limiter", "pydantic", "sqlalchemy",
})
