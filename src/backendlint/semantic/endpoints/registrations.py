"""The endpoint collector's calls: every call that registers a route, includes a router or
blueprint, adds a resource, middleware or an exception handler."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.facts import Span
from backendlint.knowledge.web_frameworks import (
    ADMIN_LOGIN,
    ADMIN_SITE,
    DJANGO_PATHS,
    DRF_ROUTER_PREFIX,
    LIBRARY_ROOTS,
    STARLETTE_MOUNT,
    STARLETTE_ROUTES,
)
from backendlint.semantic.analyze.arguments import (
    call_argument,
    keyword_argument,
)
from backendlint.semantic.endpoints.collector_base import CollectorBase
from backendlint.semantic.endpoints.facts import (
    CallArgument,
    Decorator,
    ExceptionHandler,
    Include,
    MiddlewareAdded,
    Route,
    RouteStyle,
    UrlPattern,
)
from backendlint.semantic.endpoints.literals import (
    definition_span,
    literal_string,
    literal_strings,
    strip_call,
)

# Last names of the calls `on_call` resolves: Django URL patterns, Starlette routes.
_CALL_NAMES = frozenset({"path", "re_path", "url", "Route", "WebSocketRoute", "Mount"})
_INCLUDES = ("include_router", "register_blueprint")
_PARTIALS = frozenset({"functools.partial"})


class RouteRegistrations(CollectorBase):
    """What calls register: routes (`add_api_route`, `add_url_rule`, Django `path`, DRF
    routers, Starlette `Route`/`Mount`), includes of routers and blueprints (also through
    `functools.partial`), resources, middleware and exception handlers."""

    # ------------------------------------------------------------------ calls
    def on_call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Call):
            self._partial_called(node, func)
            return
        if isinstance(func, ast.Attribute):
            self._method_call(node, func)
        elif isinstance(func, ast.Name):
            if self.semantic.current_function() is not None:
                self.mark(func.id)
            self._partial_alias_called(node, func)
        short = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        # Resolving every call is the costly part of the pass: only names that can matter.
        if short not in _CALL_NAMES and not self._passes_an_object(node):
            return
        qualified = self.qualified(func)
        if qualified is None:
            return
        if qualified in DJANGO_PATHS:
            self._django_path(node)
        elif qualified in STARLETTE_ROUTES:
            self._starlette_route(node, qualified)
        elif qualified == STARLETTE_MOUNT:
            self._starlette_mount(node)
        elif qualified.split(".", 1)[0] not in LIBRARY_ROOTS and not qualified.endswith("()"):
            self._call_arguments(node, qualified)

    def _method_call(self, node: ast.Call, func: ast.Attribute) -> None:
        attr = func.attr
        receiver = func.value
        if attr in _INCLUDES:
            self._include(node, receiver)
        elif attr == "add_resource":
            self._add_resource(node, receiver)
        elif attr == "init_app" and node.args:
            # `api.init_app(app)`: a resource API (or any extension) served by the app.
            parent = self.object_id(node.args[0])
            child = self.object_id(receiver)
            if parent is not None and child is not None:
                self.facts.includes.append(Include(parent, child, [], ""))
        elif attr == "add_middleware":
            self._add_middleware(node, receiver)
        elif attr == "add_exception_handler":
            self.add_exception_handler(node, receiver)
        elif attr in ("add_api_route", "add_url_rule"):
            self._add_route(node, receiver)
        elif attr == "register":
            self._drf_register(node, receiver)

    def _include(self, node: ast.Call, receiver: ast.expr,
                 child: Optional[ast.expr] = None,
                 keywords: Optional[list[ast.keyword]] = None) -> None:
        if child is None:
            child = call_argument(node, 0, "router") or keyword_argument(node, "blueprint")
        parent_id = self.object_id(receiver)
        if parent_id is None or child is None:
            return
        call = ast.Call(func=node.func, args=[], keywords=[*(keywords or []), *node.keywords])
        prefix = keyword_argument(call, "prefix") or keyword_argument(call, "url_prefix")
        dependencies = self.dependencies(keyword_argument(call, "dependencies"))
        for element in self._each_element(child):
            child_id = self.object_id(element)
            if child_id is not None:
                self.facts.includes.append(Include(parent_id, child_id, dependencies,
                                                   literal_string(prefix) or ""))

    def _each_element(self, node: ast.expr) -> list[ast.expr]:
        """A loop variable over a literal list or tuple (or a name bound to one) stands for
        each of its elements: `for bp in (auth_bp, admin_bp): app.register_blueprint(bp)`."""
        if isinstance(node, ast.Name):
            binding = self.semantic.lookup(node.id)
            if binding is not None and binding.kind == "for" and isinstance(binding.node, ast.For):
                items: Optional[ast.expr] = binding.node.iter
                if isinstance(items, ast.Name):
                    items = self.semantic.value_of(items.id)
                if isinstance(items, (ast.List, ast.Tuple, ast.Set)):
                    return list(items.elts)
        return [node]

    def _partial_target(self, value: Optional[ast.expr]) -> Optional[ast.Call]:
        """`functools.partial(app.register_blueprint, ...)`: that partial call."""
        if not (isinstance(value, ast.Call) and value.args
                and isinstance(value.args[0], ast.Attribute)
                and value.args[0].attr in _INCLUDES):
            return None
        return value if self.qualified(value.func) in _PARTIALS else None

    def _partial_called(self, node: ast.Call, func: ast.Call) -> None:
        """`functools.partial(app.register_blueprint, bp, url_prefix="/x")()`."""
        partial = self._partial_target(func)
        if partial is not None:
            self._partial_include(node, partial)

    def _partial_alias_called(self, node: ast.Call, func: ast.Name) -> None:
        """`register = partial(app.register_blueprint, url_prefix="/x"); register(bp)`."""
        if func.id not in self._partial_names:
            return
        binding = self.semantic.lookup(func.id)
        if binding is None or binding.kind not in ("assign", "annassign"):
            return
        partial = self._partial_target(binding.value)
        if partial is not None:
            self._partial_include(node, partial)

    def _partial_include(self, node: ast.Call, partial: ast.Call) -> None:
        method = partial.args[0]
        assert isinstance(method, ast.Attribute)
        arguments = [*partial.args[1:], *node.args]
        call = ast.Call(func=method, args=arguments, keywords=node.keywords)
        child = call_argument(call, 0, "router") or keyword_argument(call, "blueprint") \
            or keyword_argument(ast.Call(func=method, args=[], keywords=partial.keywords),
                                "blueprint")
        self._include(call, method.value, child, partial.keywords)

    def _add_resource(self, node: ast.Call, receiver: ast.expr) -> None:
        """`api.add_resource(LoginResource, "/login", "/signin")` (flask-restful)."""
        owner = self.object_id(receiver)
        resource = call_argument(node, 0, "resource")
        if owner is None or resource is None or len(node.args) < 2:
            return
        for path_node in node.args[1:]:
            path = literal_string(path_node)
            if path is not None:
                self.facts.routes.append(Route(
                    owner, strip_call(self.qualified(receiver)), path, None,
                    self.qualified(resource), [], self.ctx.span(node), RouteStyle.CALL))

    def _add_middleware(self, node: ast.Call, receiver: ast.expr) -> None:
        app = self.object_id(receiver)
        middleware = call_argument(node, 0, "middleware_class")
        if app is not None and middleware is not None:
            self.facts.middleware.append(
                MiddlewareAdded(app, self.qualified(middleware) or "?"))

    def add_exception_handler(self, node: ast.Call, receiver: ast.expr) -> None:
        exception = call_argument(node, 0, "exc_class_or_status_code")
        if exception is not None:
            name = self.qualified(exception)
            if name is not None:
                self.facts.exception_handlers.append(
                    ExceptionHandler(self.object_id(receiver) or "?", name))

    def _unwrap(self, view: ast.expr) -> tuple[ast.expr, list[Decorator]]:
        """`limiter.limit("5/minute")(login)` → (`login`, [that wrapper])."""
        wrappers: list[Decorator] = []
        while isinstance(view, ast.Call) and len(view.args) == 1 and not view.keywords:
            func = view.func
            if isinstance(func, ast.Call):
                wrappers.append(self.classify(func, -1))
            elif isinstance(func, (ast.Name, ast.Attribute)) and not (
                    isinstance(func, ast.Attribute) and func.attr == "as_view"):
                # `login_required(View.as_view())`, `csrf_exempt(view)`
                wrappers.append(self.classify(func, -1))
            else:
                break
            view = view.args[0]
        return view, wrappers

    def _add_route(self, node: ast.Call, receiver: ast.expr) -> None:
        owner = self.object_id(receiver)
        if owner is None:
            return
        is_fastapi = isinstance(node.func, ast.Attribute) and node.func.attr == "add_api_route"
        path = literal_string(call_argument(node, 0, "path" if is_fastapi else "rule"))
        view = keyword_argument(node, "endpoint") if is_fastapi else keyword_argument(
            node, "view_func")
        if view is None and len(node.args) > (1 if is_fastapi else 2):
            view = node.args[1] if is_fastapi else node.args[2]
        if view is None:
            return
        view, wrappers = self._unwrap(view)
        methods_node = keyword_argument(node, "methods")
        methods = literal_strings(methods_node) if methods_node is not None else None
        self.facts.routes.append(Route(
            owner, strip_call(self.qualified(receiver)), path or "",
            [m.upper() for m in methods] if methods else None, self._view_reference(view),
            self.dependencies(keyword_argument(node, "dependencies")),
            self._view_span(view, node), RouteStyle.CALL, wrappers=wrappers))

    def _view_span(self, view: ast.expr, call: ast.Call) -> Span:
        """Report at the view function's def when it is defined in this module."""
        if isinstance(view, ast.Name):
            binding = self.semantic.lookup(view.id)
            if binding is not None and binding.kind == "function" \
                    and isinstance(binding.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return definition_span(self.ctx, binding.node)
        return self.ctx.span(call)

    def _view_reference(self, view: ast.expr) -> Optional[str]:
        """`views.login`, `LoginView.as_view("login")` → the function or class."""
        if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) \
                and view.func.attr == "as_view":
            target = view.func.value
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id == "self":
                class_scope = self._class_scope()
                if class_scope is not None:
                    return f"{self.scope_prefix(class_scope)}.{target.attr}"
            return self.qualified(target)
        return self.qualified(view)

    def _django_path(self, node: ast.Call) -> None:
        route = literal_string(call_argument(node, 0, "route"))
        view = call_argument(node, 1, "view")
        if view is None or route is None:
            return
        if isinstance(view, ast.Attribute) and view.attr == "urls" \
                and self.qualified(view.value) == ADMIN_SITE:
            # The admin site's URLs include its log-in form.
            self.facts.urls.append(UrlPattern(ADMIN_LOGIN, route.rstrip("/") + "/login/",
                                              self.ctx.span(node)))
            return
        view, wrappers = self._unwrap(view)
        if isinstance(view, ast.Call) and not (isinstance(view.func, ast.Attribute)
                                               and view.func.attr == "as_view"):
            return  # include(...) and other computed views
        reference = self._view_reference(view)
        if reference:
            self.facts.urls.append(UrlPattern(reference, route, self.ctx.span(node), wrappers))

    def _drf_register(self, node: ast.Call, receiver: ast.expr) -> None:
        router_type = self.qualified(receiver) or ""
        if not router_type.startswith(DRF_ROUTER_PREFIX):
            return
        prefix = literal_string(call_argument(node, 0, "prefix"))
        view = call_argument(node, 1, "viewset")
        reference = self.qualified(view) if view is not None else None
        if prefix is not None and reference:
            self.facts.urls.append(UrlPattern(reference, prefix, self.ctx.span(node)))

    def _starlette_mount(self, node: ast.Call) -> None:
        """`Mount("/auth", routes=[Route(...), ...])`: the prefix of the routes listed in it
        (the walk reaches the Mount before the calls inside it)."""
        prefix = literal_string(call_argument(node, 0, "path"))
        routes = keyword_argument(node, "routes")
        if prefix is None or not isinstance(routes, (ast.List, ast.Tuple)):
            return
        prefix = self._mount_prefixes.get(id(node), "") + prefix.rstrip("/")
        for route in routes.elts:
            if isinstance(route, ast.Call):
                self._mount_prefixes[id(route)] = prefix

    def _starlette_route(self, node: ast.Call, qualified: str) -> None:
        path = literal_string(call_argument(node, 0, "path"))
        if path is not None:
            path = self._mount_prefixes.get(id(node), "") + path
        view = call_argument(node, 1, "endpoint")
        if path is None or view is None:
            return
        methods_node = keyword_argument(node, "methods")
        # Starlette serves a function endpoint listed without `methods` for GET (and HEAD).
        methods = literal_strings(methods_node) if methods_node is not None else ["GET"]
        if qualified.endswith("WebSocketRoute"):
            methods = ["WEBSOCKET"]
        self.facts.routes.append(Route(
            None, "starlette.applications.Starlette", path,
            [m.upper() for m in methods] if methods else None, self._view_reference(view), [],
            self._view_span(view, node), RouteStyle.CALL))

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
                    self.facts.call_arguments.append(CallArgument(callee, identity, index))
        for keyword in node.keywords:
            if keyword.arg and isinstance(keyword.value, ast.Name):
                identity = self._name_id(keyword.value.id, 0)
                if identity is not None:
                    self.facts.call_arguments.append(
                        CallArgument(callee, identity, keyword=keyword.arg))
