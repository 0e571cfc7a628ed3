"""The per-file half of the rate-limiting practice: JSON module facts for the project pass.

Objects (apps, routers, blueprints, limiters) are named by an identity string: the qualified
name of the variable that holds them (`app.main.app`, `app.factory.create_app.app` for a
local, `app.factory.create_app()` for what a factory returns). The project pass joins the
identities of every module with a union-find, so an object created in one module and used
through an import, a factory or a function parameter in another is one object.
"""

from __future__ import annotations

import ast
from typing import Any, Optional, Union

from backendlint.context import FileContext
from backendlint.rules.fastapi_api import FASTAPI_DEPENDS
from backendlint.semantic import SemanticModel, named_parameters

PRACTICE = "rate-limiting"

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]

# Constructors of the objects that serve routes, by qualified name.
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
LIMITER_TYPES: dict[str, str] = {
    "slowapi.Limiter": "slowapi",
    "slowapi.extension.Limiter": "slowapi",
    "flask_limiter.Limiter": "flask_limiter",
    "flask_limiter.extension.Limiter": "flask_limiter",
}
RATE_LIMITER_DEPENDENCIES = frozenset({
    "fastapi_limiter.depends.RateLimiter",
    "fastapi_limiter.depends.WebSocketRateLimiter",
})
FASTAPI_LIMITER_INIT = frozenset({
    "fastapi_limiter.FastAPILimiter.init",
    "fastapi_limiter.depends.FastAPILimiter.init",
})
SLOWAPI_MIDDLEWARE = frozenset({
    "slowapi.middleware.SlowAPIMiddleware",
    "slowapi.middleware.SlowAPIASGIMiddleware",
    "slowapi.SlowAPIMiddleware",
    "slowapi.SlowAPIASGIMiddleware",
})
RATE_LIMIT_EXCEEDED = frozenset({"slowapi.errors.RateLimitExceeded", "slowapi.RateLimitExceeded"})
DJANGO_PATHS = frozenset({"django.urls.path", "django.urls.re_path", "django.conf.urls.url"})
STARLETTE_ROUTES = frozenset({"starlette.routing.Route", "starlette.routing.WebSocketRoute"})
DRF_ROUTER_PREFIX = "rest_framework.routers."
HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
ROUTE_DECORATORS = frozenset({*HTTP_VERBS, "api_route", "route", "websocket"})
# Django's method restrictions, as decorators.
METHOD_DECORATORS: dict[str, list[str]] = {
    "django.views.decorators.http.require_POST": ["POST"],
    "django.views.decorators.http.require_GET": ["GET"],
    "django.views.decorators.http.require_safe": ["GET"],
}
REQUIRE_HTTP_METHODS = "django.views.decorators.http.require_http_methods"
API_VIEW = "rest_framework.decorators.api_view"
THROTTLE_CLASSES_DECORATOR = "rest_framework.decorators.throttle_classes"
DRF_ACTION = "rest_framework.decorators.action"
METHOD_DECORATOR = "django.utils.decorators.method_decorator"
# Last names of the calls `on_call` resolves: FastAPILimiter.init, Django URL patterns,
# Starlette routes.
_CALL_NAMES = frozenset({"init", "path", "re_path", "url", "Route", "WebSocketRoute",
                         "Mount"})
STARLETTE_MOUNT = "starlette.routing.Mount"
# Library prefixes whose calls never alias a project object (cuts fact volume).
_LIBRARY_ROOTS = frozenset({
    "builtins", "typing", "os", "logging", "fastapi", "flask", "starlette", "django",
    "rest_framework", "slowapi", "flask_limiter", "fastapi_limiter", "pydantic", "sqlalchemy",
})


def is_ratelimit_decorator(qualified: Optional[str]) -> bool:
    """django-ratelimit's `ratelimit` (package `django_ratelimit`, formerly `ratelimit`)."""
    if not qualified:
        return False
    root = qualified.split(".", 1)[0]
    return root in ("django_ratelimit", "ratelimit") and qualified.endswith(".ratelimit")


_LIMITER_WORDS = ("ratelimit", "rate_limit", "throttle")
_NOT_A_LIMIT_WORDS = ("exempt", "skip", "disable", "bypass", "without", "no_", "unlimit")


ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated"})
_MAX_ALIAS_DEPTH = 3


def named_like_a_limiter(qualified: Optional[str]) -> bool:
    """A project's own limit decorator or check that says so in its name
    (`session_ratelimit_post`, `throttle_login`, `is_ratelimited`), which the `decorators`
    option would otherwise have to list; not one that says it lifts a limit
    (`ratelimit_exempt`, `skip_throttle`)."""
    if not qualified:
        return False
    name = qualified.rsplit(".", 1)[-1].lower()
    return (any(word in name for word in _LIMITER_WORDS)
            and not any(word in name for word in _NOT_A_LIMIT_WORDS))


def _string(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _keyword(call: ast.Call, name: str) -> Optional[ast.expr]:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _argument(call: ast.Call, index: int, name: str) -> Optional[ast.expr]:
    if len(call.args) > index and not isinstance(call.args[index], ast.Starred):
        return call.args[index]
    return _keyword(call, name)


def _strings(node: Optional[ast.AST]) -> Optional[list[str]]:
    """A literal list/tuple/set of strings; None when it is anything else."""
    if not isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return None
    values = [_string(element) for element in node.elts]
    if any(value is None for value in values):
        return None
    return [value for value in values if value is not None]


def _strip_call(qualified: Optional[str]) -> Optional[str]:
    if qualified and qualified.endswith("()"):
        return qualified[:-2]
    return qualified


def _unwrap_limit(view: ast.expr) -> tuple[ast.expr, bool]:
    """`limiter.limit("5/minute")(login)` → (`login`, True)."""
    if isinstance(view, ast.Call) and len(view.args) == 1 and isinstance(view.func, ast.Call) \
            and isinstance(view.func.func, ast.Attribute) \
            and view.func.func.attr in ("limit", "shared_limit"):
        return view.args[0], True
    return view, False


def _def_keyword(node: ast.AST) -> str:
    if isinstance(node, ast.AsyncFunctionDef):
        return "async def "
    if isinstance(node, ast.ClassDef):
        return "class "
    return "def "


def definition_location(ctx: FileContext, node: Union[FunctionNode, ast.ClassDef]) -> dict[str, Any]:
    """The `def name` / `class Name` span, with every decorator line as a noqa line."""
    location = ctx.location(node)
    location["end_line"] = location["line"]
    location["end_column"] = location["column"] + len(_def_keyword(node)) + len(node.name)
    lines = set(location["noqa"]) | {node.lineno}
    for decorator in node.decorator_list:
        lines.update(range(decorator.lineno, (decorator.end_lineno or decorator.lineno) + 1))
    location["noqa"] = sorted(lines)
    return location


class Collector:
    """Writes one module's rate-limiting facts; the visit methods of the BL5xx rules call it."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.semantic: SemanticModel = ctx.semantic
        self.facts = ctx.practice_facts(PRACTICE)
        # The decorator entries of each view function or handler method, by node: a limit
        # checked in the body (`if is_ratelimited(...)`) is added to them.
        self._decorators_of: dict[int, list[dict[str, Any]]] = {}
        # Route calls listed in a Starlette Mount, by node: the Mount's path prefix.
        self._mount_prefixes: dict[int, str] = {}

    # ------------------------------------------------------------------ fact helpers
    def add(self, kind: str, item: Any) -> None:
        self.facts.setdefault(kind, []).append(item)

    def qualified(self, node: ast.AST) -> Optional[str]:
        return self.semantic.qualified_name(node)

    def scope_prefix(self, target_scope: Any) -> str:
        names: list[str] = []
        scope = target_scope
        while scope is not None and scope.kind != "module":
            names.append(getattr(scope.node, "name", "<lambda>"))
            scope = scope.parent
        module = self.ctx.module_name
        return ".".join([module, *reversed(names)] if module else list(reversed(names)))

    def object_id(self, node: Optional[ast.AST], depth: int = 0) -> Optional[str]:
        """The identity of the object an expression refers to (see the module docstring)."""
        if node is None or depth > 8:
            return None
        if isinstance(node, ast.Name):
            return self._name_id(node.id, depth)
        if isinstance(node, ast.Attribute):
            base = node.value
            if isinstance(base, ast.Name):
                binding = self.semantic.lookup(base.id)
                if binding is None or binding.kind != "import":
                    return None
            return self.qualified(node)
        if isinstance(node, ast.Call):
            return self.qualified(node)
        return None

    def _name_id(self, name: str, depth: int) -> Optional[str]:
        binding = self.semantic.lookup(name)
        if binding is None:
            return None
        if binding.kind == "import":
            return binding.qualified
        if binding.kind in ("function", "class"):
            return self.qualified(ast.Name(id=name, ctx=ast.Load()))
        scope = self.semantic.binding_scope(name)
        if scope is None or binding.kind in ("global", "nonlocal"):
            scope = self.semantic.module_scope
        own = f"{self.scope_prefix(scope)}.{name}".lstrip(".")
        if binding.kind == "param":
            function = scope.node
            assert isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            params = [arg.arg for arg in named_parameters(function.args)]
            self.facts.setdefault("params", {})[self.scope_prefix(scope)] = params
            return own
        if binding.kind in ("assign", "annassign"):
            value = binding.value
            if isinstance(value, (ast.Name, ast.Attribute)):
                return self.object_id(value, depth + 1) or own
            return own
        return None

    # ------------------------------------------------------------------ assignments
    def on_assign(self, targets: list[ast.expr], value: Optional[ast.expr]) -> None:
        if value is None:
            return
        for target in targets:
            if isinstance(target, ast.Name):
                self._assign_name(target.id, value)
            elif (isinstance(target, ast.Attribute) and target.attr == "limiter"
                    and isinstance(target.value, ast.Attribute)
                    and target.value.attr == "state"):
                self.add("state_limiters", {"app": self.object_id(target.value.value),
                                            "limiter": self.object_id(value)})

    def _assign_name(self, name: str, value: ast.expr) -> None:
        in_module = self.semantic.scope.kind == "module"
        if in_module and name == "REST_FRAMEWORK":
            self.facts["drf_settings"] = self._drf_settings(value)
        if in_module and name == "MIDDLEWARE":
            self.facts["django_middleware"] = _strings(value) or []
        if in_module and name == "INSTALLED_APPS":
            self.facts["django_settings"] = True
        if not isinstance(value, ast.Call):
            return
        identity = self._name_id(name, 0)
        if identity is None:
            return
        callee = self.qualified(value.func)
        if callee in APP_TYPES:
            self._record_app(identity, APP_TYPES[callee], value)
        elif callee in LIMITER_TYPES:
            self._record_limiter(identity, LIMITER_TYPES[callee], value)
        elif callee and callee.split(".", 1)[0] not in _LIBRARY_ROOTS:
            # `app = create_app()`: the same object the factory returns.
            self.add("aliases", [identity, f"{callee}()"])

    def _drf_settings(self, value: ast.expr) -> dict[str, Any]:
        if not isinstance(value, ast.Dict):
            return {"known": False}
        result: dict[str, Any] = {"known": True, "throttle_classes": [], "rates": [],
                                  "rates_set": False, "rates_known": True}
        for key, item in zip(value.keys, value.values):
            name = _string(key)
            if name == "DEFAULT_THROTTLE_CLASSES":
                classes = _strings(item)
                if classes is None:
                    return {"known": False}
                result["throttle_classes"] = classes
                result["classes_location"] = self.ctx.location(item)
            elif name == "DEFAULT_THROTTLE_RATES":
                result["rates_set"] = True
                keys = [_string(k) for k in item.keys] if isinstance(item, ast.Dict) else [None]
                result["rates"] = [k for k in keys if k]
                # `{**BASE_RATES, "login": ...}` or a dict built elsewhere: rates unknown.
                result["rates_known"] = None not in keys
            elif key is None:
                return {"known": False}
        return result

    def _record_app(self, identity: str, kind: str, call: ast.Call) -> None:
        middleware: list[str] = []
        for element in getattr(_keyword(call, "middleware"), "elts", []):
            if isinstance(element, ast.Call) and element.args:
                middleware.append(self.qualified(element.args[0]) or "")
        handlers = _keyword(call, "exception_handlers")
        handles_limit = isinstance(handlers, ast.Dict) and any(
            key is not None and self.qualified(key) in RATE_LIMIT_EXCEEDED
            for key in handlers.keys)
        prefix_node = _keyword(call, "prefix") if kind == "router" else _keyword(call, "url_prefix")
        self.add("objects", {
            "id": identity, "kind": kind,
            "deps": self.dependencies(_keyword(call, "dependencies")),
            "prefix": _string(prefix_node) or "",
            "middleware": middleware,
            "handles_limit": handles_limit,
        })

    def _record_limiter(self, identity: str, library: str, call: ast.Call) -> None:
        defaults = _keyword(call, "default_limits") or _keyword(call, "application_limits")
        has_defaults = defaults is not None and not (
            isinstance(defaults, (ast.List, ast.Tuple)) and not defaults.elts)
        bound: Optional[str] = None
        app_node = _keyword(call, "app")
        if app_node is None and library == "flask_limiter" and call.args:
            first = call.args[0]
            first_qualified = self.qualified(first)
            binding = self.semantic.lookup(first.id) if isinstance(first, ast.Name) else None
            is_key_func = isinstance(first, ast.Lambda) or (
                first_qualified or "").startswith("flask_limiter") or (
                binding is not None and binding.kind == "function")
            app_node = None if is_key_func else first
        if app_node is not None and not (isinstance(app_node, ast.Constant)):
            bound = self.object_id(app_node) or "?"
        self.add("limiters", {"id": identity, "library": library, "defaults": has_defaults,
                              "app": bound, "location": self.ctx.location(call)})

    def on_return(self, value: Optional[ast.expr]) -> None:
        function = self.semantic.current_function()
        if function is None or value is None or not isinstance(value, (ast.Name, ast.Attribute)):
            return
        identity = self.object_id(value)
        if identity is not None:
            self.add("aliases", [f"{self.scope_prefix(self.semantic.scope)}()", identity])

    # ------------------------------------------------------------------ dependencies
    def dependencies(self, node: Optional[ast.AST]) -> list[str]:
        """Qualified names of the dependencies in a `dependencies=[...]` list."""
        if node is None:
            return []
        if isinstance(node, ast.Name):
            node = self.semantic.value_of(node.id) or node
        found: list[str] = []
        for element in getattr(node, "elts", []):
            if isinstance(element, ast.Name):
                element = self.semantic.value_of(element.id) or element
            found.append(self.depends_target(element) or "?")
        return found

    def depends_target(self, node: ast.AST) -> Optional[str]:
        """`Depends(RateLimiter(...))` → `fastapi_limiter.depends.RateLimiter`."""
        if not isinstance(node, ast.Call) or self.qualified(node.func) not in FASTAPI_DEPENDS:
            return None
        target = _argument(node, 0, "dependency")
        if target is None:
            return None
        if isinstance(target, ast.Call) and self.qualified(target.func) in RATE_LIMITER_DEPENDENCIES:
            self.add("rate_limiter_uses", self.ctx.location(target))
        return _strip_call(self.qualified(target))

    # ------------------------------------------------------------------ calls
    def on_call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Call):
            self.on_call_of_call(node)
            return
        if isinstance(func, ast.Attribute):
            self._method_call(node, func)
        short = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if short is not None and named_like_a_limiter(short):
            self._limit_checked_in_body()
        # Resolving every call is the costly part of the pass: only names that can matter.
        if short not in _CALL_NAMES and not self._passes_an_object(node):
            return
        qualified = self.qualified(func)
        if qualified is None:
            return
        if qualified in FASTAPI_LIMITER_INIT:
            self.facts["fastapi_limiter_init"] = True
        elif qualified in DJANGO_PATHS:
            self._django_path(node)
        elif qualified in STARLETTE_ROUTES:
            self._starlette_route(node, qualified)
        elif qualified == STARLETTE_MOUNT:
            self._starlette_mount(node)
        elif qualified.split(".", 1)[0] not in _LIBRARY_ROOTS and not qualified.endswith("()"):
            self._call_arguments(node, qualified)

    def _method_call(self, node: ast.Call, func: ast.Attribute) -> None:
        attr = func.attr
        receiver = func.value
        handler = {
            "include_router": self._include,
            "register_blueprint": self._include,
            "add_middleware": self._add_middleware,
            "add_exception_handler": self._add_exception_handler,
            "add_api_route": self._add_route,
            "add_url_rule": self._add_route,
            "init_app": self._init_app,
            "register": self._drf_register,
        }.get(attr)
        if handler is not None:
            handler(node, receiver)
        elif attr in ("limit", "shared_limit", "exempt") and len(node.args) == 1 \
                and not node.keywords and isinstance(node.args[0], (ast.Name, ast.Attribute)):
            # `limiter.limit("5/minute")(bp)` is a Call of a Call; `limiter.exempt(bp)` is this.
            self._blueprint_exempt(node, receiver)
        elif attr == "check" and not node.args:
            self._before_request_check(receiver)

    def on_call_of_call(self, node: ast.Call) -> None:
        """`limiter.limit("10/minute")(auth_bp)`: a limit on a whole blueprint."""
        inner = node.func
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)):
            return
        if inner.func.attr in ("limit", "shared_limit") and len(node.args) == 1:
            target = self.object_id(node.args[0])
            if target is not None:
                self.add("blueprint_limits", {"owner": target,
                                              "limiter": self.object_id(inner.func.value)})

    def _include(self, node: ast.Call, receiver: ast.expr) -> None:
        child = _argument(node, 0, "router") or _keyword(node, "blueprint")
        parent_id = self.object_id(receiver)
        child_id = self.object_id(child)
        if parent_id is None or child_id is None:
            return
        prefix = _keyword(node, "prefix") or _keyword(node, "url_prefix")
        self.add("includes", {"parent": parent_id, "child": child_id,
                              "deps": self.dependencies(_keyword(node, "dependencies")),
                              "prefix": _string(prefix) or ""})

    def _add_middleware(self, node: ast.Call, receiver: ast.expr) -> None:
        app = self.object_id(receiver)
        middleware = _argument(node, 0, "middleware_class")
        if app is not None and middleware is not None:
            self.add("middleware", {"app": app, "middleware": self.qualified(middleware) or "?"})

    def _add_exception_handler(self, node: ast.Call, receiver: ast.expr) -> None:
        exception = _argument(node, 0, "exc_class_or_status_code")
        if exception is not None and self.qualified(exception) in RATE_LIMIT_EXCEEDED:
            self.add("limit_handlers", self.object_id(receiver) or "?")

    def _init_app(self, node: ast.Call, receiver: ast.expr) -> None:
        limiter = self.object_id(receiver)
        app = _argument(node, 0, "app")
        if limiter is not None and app is not None:
            self.add("init_apps", {"limiter": limiter, "app": self.object_id(app) or "?"})

    def _add_route(self, node: ast.Call, receiver: ast.expr) -> None:
        owner = self.object_id(receiver)
        if owner is None:
            return
        is_fastapi = isinstance(node.func, ast.Attribute) and node.func.attr == "add_api_route"
        path = _string(_argument(node, 0, "path" if is_fastapi else "rule"))
        view = _keyword(node, "endpoint") if is_fastapi else _keyword(node, "view_func")
        if view is None and len(node.args) > (1 if is_fastapi else 2):
            view = node.args[1] if is_fastapi else node.args[2]
        if view is None:
            return
        view, wrapped = _unwrap_limit(view)
        methods_node = _keyword(node, "methods")
        methods = _strings(methods_node) if methods_node is not None else None
        self.add("routes", {
            "owner": owner, "owner_type": _strip_call(self.qualified(receiver)),
            "wrapped_limit": wrapped,
            "path": path or "", "methods": [m.upper() for m in methods] if methods else None,
            "view": self._view_reference(view), "deps": self.dependencies(
                _keyword(node, "dependencies")),
            "location": self._view_location(view, node), "decorators": [],
            "style": "call",
        })

    def _view_location(self, view: ast.expr, call: ast.Call) -> dict[str, Any]:
        """Report at the view function's def when it is defined in this module."""
        if isinstance(view, ast.Name):
            binding = self.semantic.lookup(view.id)
            if binding is not None and binding.kind == "function" \
                    and isinstance(binding.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return definition_location(self.ctx, binding.node)
        return self.ctx.location(call)

    def _view_reference(self, view: ast.expr) -> Optional[str]:
        """`views.login`, `LoginView.as_view("login")` → the function or class."""
        if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) \
                and view.func.attr == "as_view":
            return self.qualified(view.func.value)
        return self.qualified(view)

    def _django_path(self, node: ast.Call) -> None:
        route = _string(_argument(node, 0, "route"))
        view = _argument(node, 1, "view")
        if view is None or route is None:
            return
        wrapped = False
        if isinstance(view, ast.Call) and isinstance(view.func, ast.Call) \
                and is_ratelimit_decorator(self.qualified(view.func.func)) and view.args:
            wrapped, view = True, view.args[0]
        if isinstance(view, ast.Call) and not (isinstance(view.func, ast.Attribute)
                                               and view.func.attr == "as_view"):
            return  # include(...) and other computed views
        reference = self._view_reference(view)
        if reference:
            self.add("urls", {"view": reference, "path": route, "ratelimited": wrapped,
                              "location": self.ctx.location(node)})

    def _drf_register(self, node: ast.Call, receiver: ast.expr) -> None:
        router_type = self.qualified(receiver) or ""
        if not router_type.startswith(DRF_ROUTER_PREFIX):
            return
        prefix = _string(_argument(node, 0, "prefix"))
        view = _argument(node, 1, "viewset")
        reference = self.qualified(view) if view is not None else None
        if prefix is not None and reference:
            self.add("urls", {"view": reference, "path": prefix, "ratelimited": False,
                              "location": self.ctx.location(node)})

    def _starlette_mount(self, node: ast.Call) -> None:
        """`Mount("/auth", routes=[Route(...), ...])`: the prefix of the routes listed in it
        (the walk reaches the Mount before the calls inside it)."""
        prefix = _string(_argument(node, 0, "path"))
        routes = _keyword(node, "routes")
        if prefix is None or not isinstance(routes, (ast.List, ast.Tuple)):
            return
        prefix = self._mount_prefixes.get(id(node), "") + prefix.rstrip("/")
        for route in routes.elts:
            if isinstance(route, ast.Call):
                self._mount_prefixes[id(route)] = prefix

    def _starlette_route(self, node: ast.Call, qualified: str) -> None:
        path = _string(_argument(node, 0, "path"))
        if path is not None:
            path = self._mount_prefixes.get(id(node), "") + path
        view = _argument(node, 1, "endpoint")
        if path is None or view is None:
            return
        methods_node = _keyword(node, "methods")
        methods = _strings(methods_node) if methods_node is not None else None
        if qualified.endswith("WebSocketRoute"):
            methods = ["WEBSOCKET"]
        self.add("routes", {
            "owner": None, "owner_type": "starlette.applications.Starlette",
            "path": path, "methods": [m.upper() for m in methods] if methods else None,
            "view": self._view_reference(view), "deps": [],
            "location": self._view_location(view, node), "decorators": [], "style": "call",
        })

    def _blueprint_exempt(self, node: ast.Call, receiver: ast.expr) -> None:
        if not isinstance(node.func, ast.Attribute) or node.func.attr != "exempt":
            return
        target = self.object_id(node.args[0])
        if target is not None:
            self.add("blueprint_exempts", {"owner": target, "limiter": self.object_id(receiver)})

    def _before_request_check(self, receiver: ast.expr) -> None:
        function = self.semantic.current_function()
        limiter = self.object_id(receiver) or _strip_call(self.qualified(receiver))
        if function is None or limiter is None:
            return
        for decorator in function.decorator_list:
            if isinstance(decorator, ast.Attribute) and decorator.attr == "before_request":
                owner = self.object_id(decorator.value)
                if owner is not None:
                    self.add("blueprint_limits", {"owner": owner, "limiter": limiter})

    def _passes_an_object(self, node: ast.Call) -> bool:
        """Whether an argument is a name that may hold an app, router or limiter."""
        for argument in (*node.args, *(keyword.value for keyword in node.keywords)):
            if not isinstance(argument, ast.Name):
                continue
            binding = self.semantic.lookup(argument.id)
            if binding is None:
                continue
            if binding.kind in ("import", "param") or (
                    binding.kind in ("assign", "annassign")
                    and isinstance(binding.value, ast.Call)):
                return True
        return False

    def _call_arguments(self, node: ast.Call, callee: str) -> None:
        """`register_routes(app)`: the callee's parameter is the caller's object."""
        for index, argument in enumerate(node.args):
            if isinstance(argument, ast.Name):
                identity = self._name_id(argument.id, 0)
                if identity is not None:
                    self.add("call_args", [callee, index, identity])
        for keyword in node.keywords:
            if keyword.arg and isinstance(keyword.value, ast.Name):
                identity = self._name_id(keyword.value.id, 0)
                if identity is not None:
                    self.add("call_args", [callee, keyword.arg, identity])

    def on_attribute(self, node: ast.Attribute) -> None:
        """`request.POST` in a Django view: the view handles POST."""
        if node.attr == "POST" and isinstance(node.value, ast.Name) \
                and node.value.id == "request" and self.semantic.current_function() is not None:
            self._method_hint(["POST"])

    def _method_hint(self, methods: list[str]) -> None:
        key = self.scope_prefix(self.semantic.scope)
        hints = self.facts.setdefault("method_hints", {})
        hints[key] = sorted(set(hints.get(key, [])) | {m.upper() for m in methods})

    # ------------------------------------------------------------------ comparisons
    def on_compare(self, node: ast.Compare) -> None:
        """`if request.method == "POST":` tells which methods a Django view handles."""
        left = node.left
        if not (isinstance(left, ast.Attribute) and left.attr == "method"
                and isinstance(left.value, ast.Name) and left.value.id == "request"):
            return
        function = self.semantic.current_function()
        if function is None:
            return
        methods: list[str] = []
        for comparator in node.comparators:
            single = _string(comparator)
            methods.extend([single] if single else (_strings(comparator) or []))
        if methods:
            self._method_hint(methods)

    # ------------------------------------------------------------------ decorators
    def classify(self, decorator: ast.expr, index: int) -> dict[str, Any]:
        """What one decorator does for rate limiting; `q` is its qualified name for the
        project's own decorators (option `decorators`)."""
        entry: dict[str, Any] = {"kind": "other", "index": index, "q": None}
        if isinstance(decorator, ast.Call):
            self._classify_call(decorator, entry)
        else:
            entry["q"] = _strip_call(self.qualified(decorator))
            if entry["q"] in METHOD_DECORATORS:
                entry.update(kind="methods", methods=METHOD_DECORATORS[entry["q"]])
            elif isinstance(decorator, ast.Attribute) and decorator.attr == "exempt":
                entry.update(kind="exempt", recv=self._receiver(decorator.value))
        return entry

    def _receiver(self, node: ast.expr) -> Optional[str]:
        return self.object_id(node) or _strip_call(self.qualified(node))

    def _classify_call(self, decorator: ast.Call, entry: dict[str, Any]) -> None:
        func = decorator.func
        qualified = _strip_call(self.qualified(func))
        entry["q"] = qualified
        if qualified == METHOD_DECORATOR and decorator.args:
            inner = self.classify(decorator.args[0], entry["index"])
            entry.update(inner)
            entry["name"] = _string(_keyword(decorator, "name"))
        elif is_ratelimit_decorator(qualified):
            entry["kind"] = "ratelimit"
        elif qualified == API_VIEW:
            methods = _strings(_argument(decorator, 0, "http_method_names"))
            entry.update(kind="api_view", methods=[m.upper() for m in methods or ["GET"]])
        elif qualified == THROTTLE_CLASSES_DECORATOR:
            classes = _argument(decorator, 0, "throttle_classes")
            entry.update(kind="throttle", classes=self.class_list(classes))
        elif qualified == REQUIRE_HTTP_METHODS:
            methods = _strings(_argument(decorator, 0, "request_method_list"))
            if methods is not None:
                entry.update(kind="methods", methods=[m.upper() for m in methods])
        elif qualified == DRF_ACTION:
            methods = _strings(_keyword(decorator, "methods")) or ["GET"]
            entry.update(kind="action", methods=[m.upper() for m in methods],
                         url_path=_string(_keyword(decorator, "url_path")))
        elif isinstance(func, ast.Attribute) and func.attr in ("limit", "shared_limit"):
            entry.update(kind="limit", recv=self._receiver(func.value))
        elif isinstance(func, ast.Attribute) and func.attr in ROUTE_DECORATORS:
            entry["kind"] = "route"

    def class_list(self, node: Optional[ast.AST]) -> Any:
        """Throttle classes: a list of qualified names, or "unknown" when not a literal."""
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.qualified(element) or "?" for element in node.elts]
        return "unknown"

    def _limit_checked_in_body(self) -> None:
        function = self.semantic.current_function()
        decorators = self._decorators_of.get(id(function)) if function is not None else None
        if decorators is not None and not any(d["kind"] == "body_limit" for d in decorators):
            decorators.append({"kind": "body_limit", "index": len(decorators), "q": None})

    # ------------------------------------------------------------------ functions
    def on_function(self, node: FunctionNode) -> None:
        decorators = [self.classify(d, i) for i, d in enumerate(node.decorator_list)]
        # A method's entries were made with its class's handlers; those are the ones kept.
        decorators = self._decorators_of.setdefault(id(node), decorators)
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) \
                    and decorator.func.attr == "exception_handler":
                self._add_exception_handler(decorator, decorator.func.value)
        params = named_parameters(node.args)
        names = [arg.arg for arg in params]
        in_class = self.semantic.scope.kind == "class"
        takes_request = bool(names) and (names[0] == "request" or (
            in_class and len(names) > 1 and names[1] == "request"))
        if not decorators and not takes_request:
            return
        qual = f"{self.scope_prefix(self.semantic.scope)}.{node.name}".lstrip(".")
        summary = {
            "qual": qual, "name": node.name, "location": definition_location(self.ctx, node),
            "decorators": decorators,
            "has_request": "request" in names or "websocket" in names,
            "param_limiters": [], "param_deps": [],
        }
        self._parameter_dependencies(node, summary)
        if not in_class:
            self.facts.setdefault("functions", {})[qual] = summary
        for index, decorator in enumerate(node.decorator_list):
            if decorators[index]["kind"] == "route":
                assert isinstance(decorator, ast.Call)
                self._decorated_route(decorator, index, qual, summary)

    def _parameter_dependencies(self, node: FunctionNode, summary: dict[str, Any]) -> None:
        defaults = [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
        for arg in named_parameters(node.args):
            defaults.extend(self._annotated_metadata(arg.annotation, 0))
        for default in defaults:
            if not isinstance(default, ast.Call):
                continue
            target = self.depends_target(default)
            if target is None:
                continue
            if target in RATE_LIMITER_DEPENDENCIES:
                summary["param_limiters"].append(self.ctx.location(default))
            else:
                summary["param_deps"].append(target)

    def _annotated_metadata(self, annotation: Optional[ast.expr], depth: int) -> list[ast.expr]:
        """The metadata of `Annotated[T, Depends(x), ...]`, written in the signature or as a
        module-level alias (`Limited = Annotated[None, Depends(RateLimiter(...))]`)."""
        if annotation is None or depth > _MAX_ALIAS_DEPTH:
            return []
        if isinstance(annotation, ast.Name):
            binding = self.semantic.lookup(annotation.id)
            if binding is not None and binding.kind in ("assign", "annassign"):
                return self._annotated_metadata(binding.value, depth + 1)
            return []
        if (isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Tuple)
                and self.qualified(annotation.value) in ANNOTATED):
            return list(annotation.slice.elts[1:])
        return []

    def _decorated_route(self, decorator: ast.Call, index: int, qual: str,
                         summary: dict[str, Any]) -> None:
        assert isinstance(decorator.func, ast.Attribute)
        receiver = decorator.func.value
        owner = self.object_id(receiver)
        owner_type = _strip_call(self.qualified(receiver))
        if owner is None and owner_type not in APP_TYPES:
            return
        verb = decorator.func.attr
        if verb in HTTP_VERBS:
            methods: Optional[list[str]] = [verb.upper()]
        elif verb == "websocket":
            methods = ["WEBSOCKET"]
        else:
            methods_node = _keyword(decorator, "methods")
            literal = _strings(methods_node) if methods_node is not None else ["GET"]
            methods = [m.upper() for m in literal] if literal is not None else None
        path = _string(_argument(decorator, 0, "path")) or _string(_keyword(decorator, "rule"))
        self.add("routes", {
            "owner": owner, "owner_type": owner_type, "path": path or "", "methods": methods,
            "view": qual, "deps": self.dependencies(_keyword(decorator, "dependencies")),
            "location": summary["location"], "route_index": index, "style": "decorator",
            "summary": summary,
        })

    # ------------------------------------------------------------------ classes
    def on_class(self, node: ast.ClassDef) -> None:
        if not node.bases:
            return
        qual = f"{self.scope_prefix(self.semantic.scope)}.{node.name}".lstrip(".")
        summary: dict[str, Any] = {
            "qual": qual, "name": node.name, "location": definition_location(self.ctx, node),
            "bases": [self.qualified(base) or "?" for base in node.bases],
            "decorators": [self.classify(d, i) for i, d in enumerate(node.decorator_list)],
            "handlers": {}, "get_throttles": False,
        }
        for statement in node.body:
            self._class_statement(statement, summary)
        self.facts.setdefault("classes", {})[qual] = summary

    def _class_statement(self, statement: ast.stmt, summary: dict[str, Any]) -> None:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if statement.name == "get_throttles":
                summary["get_throttles"] = True
                return
            decorators = [self.classify(d, i) for i, d in enumerate(statement.decorator_list)]
            self._decorators_of[id(statement)] = decorators
            summary["handlers"][statement.name] = {
                "location": definition_location(self.ctx, statement),
                "decorators": decorators,
            }
            return
        target: Optional[ast.expr] = None
        value: Optional[ast.expr] = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        if not isinstance(target, ast.Name) or value is None:
            return
        if target.id == "throttle_classes":
            summary["throttle_classes"] = self.class_list(value)
            summary["throttle_location"] = self.ctx.location(statement)
        elif target.id == "throttle_scope":
            summary["throttle_scope"] = _string(value) or "?"
            summary["scope_location"] = self.ctx.location(statement)
        elif target.id == "decorators":
            elements = value.elts if isinstance(value, (ast.List, ast.Tuple)) else []
            summary["view_decorators"] = [
                self.classify(element, -1) for element in elements]
        elif target.id == "methods":
            summary["methods_attr"] = _strings(value)
