"""The per-file half of the endpoint model: fills one module's `EndpointFacts` from the nodes
a practice's FileAnalysis hands it during the single traversal (`on_function`, `on_class`,
`on_call`, `on_assign`, `on_return`, `on_attribute`, `on_compare`)."""

from __future__ import annotations

import ast
from typing import Optional, Union

from backendlint.core.context import FileContext
from backendlint.core.facts import Span
from backendlint.knowledge.auth import body_marker
from backendlint.knowledge.fastapi import FASTAPI_DEPENDS
from backendlint.knowledge.web_frameworks import (
    ADMIN_LOGIN,
    ADMIN_SITE,
    API_VIEW,
    APP_TYPES,
    DJANGO_PATHS,
    DRF_ACTION,
    DRF_CLASS_LIST_DECORATORS,
    DRF_ROUTER_PREFIX,
    HTTP_VERBS,
    LIBRARY_ROOTS,
    METHOD_DECORATOR,
    METHOD_DECORATORS,
    REQUIRE_HTTP_METHODS,
    ROUTE_DECORATORS,
    STARLETTE_MOUNT,
    STARLETTE_ROUTES,
    VIEW_CLASS_LIST_ATTRIBUTES,
)
from backendlint.semantic.analyze.annotations import annotation_metadata, is_optional
from backendlint.semantic.analyze.arguments import (
    FunctionNode,
    call_argument,
    keyword_argument,
    named_parameters,
    parameters_with_defaults,
)
from backendlint.semantic.endpoints.facts import (
    CallArgument,
    ClassList,
    ClassSummary,
    Decorator,
    DecoratorKind,
    Dependency,
    DictKeys,
    DrfSettings,
    EndpointFacts,
    ExceptionHandler,
    FunctionSummary,
    Handler,
    Include,
    MiddlewareAdded,
    Route,
    RouteStyle,
    ServingObject,
    UrlPattern,
    ViewAlias,
)
from backendlint.semantic.model import Scope, SemanticModel

# Last names of the calls `on_call` resolves: Django URL patterns, Starlette routes.
_CALL_NAMES = frozenset({"path", "re_path", "url", "Route", "WebSocketRoute", "Mount"})
_INCLUDES = ("include_router", "register_blueprint")
_PARTIALS = frozenset({"functools.partial"})
# APIs that register resource classes on an app or blueprint (flask-restful, flask-restx).
RESOURCE_APIS = frozenset({"flask_restful.Api", "flask_restx.Api", "flask_restplus.Api"})
_MAX_ALIAS_DEPTH = 3


def literal_string(node: Optional[ast.AST]) -> Optional[str]:
    """A string literal written in place (no name is followed)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def literal_strings(node: Optional[ast.AST]) -> Optional[list[str]]:
    """A literal list/tuple/set of string literals; None when it is anything else."""
    if not isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return None
    values = [literal_string(element) for element in node.elts]
    if any(value is None for value in values):
        return None
    return [value for value in values if value is not None]


def strip_call(qualified: Optional[str]) -> Optional[str]:
    """`pkg.Factory()` (what the model calls a call's result) → `pkg.Factory`."""
    if qualified and qualified.endswith("()"):
        return qualified[:-2]
    return qualified


def loaded_class(value: Optional[ast.expr]) -> Optional[str]:
    """`get_class("customer.views", "AccountAuthView")`, `load_class(module, name)`: a
    class named by its module and name (two string literals to a loader)."""
    if not (isinstance(value, ast.Call) and len(value.args) == 2 and not value.keywords):
        return None
    func = value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if not any(word in name.lower() for word in ("class", "load", "import")):
        return None
    module, cls = literal_string(value.args[0]), literal_string(value.args[1])
    return f"{module}.{cls}" if module and cls else None


def _called_name(func: ast.expr) -> Optional[str]:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _loaded_from_list(statement: ast.AST, name: str) -> Optional[str]:
    """`A, B = get_classes("customer.mixins", ["A", "B"])`: the class bound to `name`."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Tuple)
            and isinstance(statement.value, ast.Call) and len(statement.value.args) == 2):
        return None
    module = literal_string(statement.value.args[0])
    names = literal_strings(statement.value.args[1])
    targets = [t.id if isinstance(t, ast.Name) else "" for t in statement.targets[0].elts]
    if module is None or names is None or name not in targets or len(names) != len(targets):
        return None
    return f"{module}.{names[targets.index(name)]}"


def _def_keyword(node: ast.AST) -> str:
    if isinstance(node, ast.AsyncFunctionDef):
        return "async def "
    if isinstance(node, ast.ClassDef):
        return "class "
    return "def "


def definition_span(ctx: FileContext, node: Union[FunctionNode, ast.ClassDef]) -> Span:
    """The `def name` / `class Name` span, with every decorator line as a noqa line."""
    span = ctx.span(node)
    lines = set(span.noqa) | {node.lineno}
    for decorator in node.decorator_list:
        lines.update(range(decorator.lineno, (decorator.end_lineno or decorator.lineno) + 1))
    return Span(span.line, span.column, span.line,
                span.column + len(_def_keyword(node)) + len(node.name), tuple(sorted(lines)))


class EndpointCollector:
    """Writes one module's endpoint facts."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.semantic: SemanticModel = ctx.semantic
        self.facts = EndpointFacts()
        # The decorator entries of each view function or handler method, by node.
        self.decorators_of: dict[int, list[Decorator]] = {}
        # Route calls listed in a Starlette Mount, by node: the Mount's path prefix.
        self._mount_prefixes: dict[int, str] = {}
        # Names assigned a `partial(...)` in this module (the only names whose calls can
        # be a partial include).
        self._partial_names: set[str] = set()

    # ------------------------------------------------------------------ identities
    def qualified(self, node: ast.AST) -> Optional[str]:
        return self.semantic.qualified_name(node)

    def scope_prefix(self, target_scope: Optional[Scope]) -> str:
        names: list[str] = []
        scope = target_scope
        while scope is not None and scope.kind != "module":
            names.append(getattr(scope.node, "name", "<lambda>"))
            scope = scope.parent
        module = self.ctx.module_name
        return ".".join([module, *reversed(names)] if module else list(reversed(names)))

    def function_prefix(self) -> Optional[str]:
        """The qualified name of the innermost enclosing def."""
        scope: Optional[Scope] = self.semantic.scope
        while scope is not None and scope.kind != "function":
            scope = scope.parent
        return self.scope_prefix(scope) if scope is not None else None

    def object_id(self, node: Optional[ast.AST], depth: int = 0) -> Optional[str]:
        """The identity of the object an expression refers to (see facts.py)."""
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

    def receiver_id(self, node: ast.expr) -> Optional[str]:
        return self.object_id(node) or strip_call(self.qualified(node))

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
            self.facts.parameters[self.scope_prefix(scope)] = params
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
        if isinstance(value, ast.Call) and _called_name(value.func) == "partial":
            self._partial_names.update(t.id for t in targets if isinstance(t, ast.Name))
        for target in targets:
            if isinstance(target, ast.Name):
                self._assign_name(target.id, value)
            elif isinstance(target, ast.Attribute):
                self.on_attribute_assign(target, value)

    def _assign_name(self, name: str, value: ast.expr) -> None:
        in_module = self.semantic.scope.kind == "module"
        if in_module and name == "REST_FRAMEWORK":
            self.facts.drf_settings = self._drf_settings(value)
        if in_module and name == "MIDDLEWARE":
            self.facts.django_middleware = literal_strings(value) or []
        if in_module and name == "INSTALLED_APPS":
            self.facts.django_settings = True
        if in_module and name == "AUTHENTICATION_BACKENDS":
            self.facts.authentication_backends = literal_strings(value) or []
        if not isinstance(value, ast.Call):
            return
        if in_module:
            self._view_alias(name, value)
        identity = self._name_id(name, 0)
        if identity is None:
            return
        callee = self.qualified(value.func)
        if callee in APP_TYPES:
            self._record_object(identity, APP_TYPES[callee], value)
        elif callee in RESOURCE_APIS:
            self.facts.objects.append(ServingObject(identity, "restful", "", [], [], []))
            app = call_argument(value, 0, "app")
            parent = self.object_id(app) if app is not None else None
            if parent is not None:
                self.facts.includes.append(Include(parent, identity, [], ""))
        elif callee and callee.split(".", 1)[0] not in LIBRARY_ROOTS:
            # `app = create_app()`: the same object the factory returns.
            self.facts.aliases.append((identity, f"{callee}()"))

    def _view_alias(self, name: str, value: ast.Call) -> None:
        """`password_reset = PasswordResetView.as_view(...)`, maybe wrapped."""
        view, wrappers = self._unwrap(value)
        if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) \
                and view.func.attr == "as_view":
            target = self.qualified(view.func.value)
            if target is not None:
                key = f"{self.ctx.module_name}.{name}".lstrip(".")
                self.facts.view_aliases[key] = ViewAlias(target, wrappers)

    def on_attribute_assign(self, target: ast.Attribute, value: ast.expr) -> None:
        """`self.login_view = get_class("customer.views", "AccountAuthView")`: a class
        loaded by its module and name (django-oscar's apps, importlib-style loaders)."""
        owner = self.semantic.enclosing_class()
        if not (isinstance(target.value, ast.Name) and target.value.id == "self"
                and owner is not None):
            return
        loaded = loaded_class(value)
        class_scope = self._class_scope()
        if loaded is not None and class_scope is not None:
            key = f"{self.scope_prefix(class_scope)}.{target.attr}"
            self.facts.loaded_classes[key] = loaded

    def base_name(self, base: ast.expr) -> str:
        """A class base; one bound to a class loaded by name (`RegisterUserMixin =
        get_class("customer.mixins", "RegisterUserMixin")`) is that class."""
        if isinstance(base, ast.Name):
            binding = self.semantic.lookup(base.id)
            if binding is not None and binding.kind in ("assign", "other"):
                loaded = loaded_class(binding.value) or _loaded_from_list(binding.node,
                                                                          base.id)
                if loaded is not None:
                    return loaded
        return self.qualified(base) or "?"

    def _class_scope(self) -> Optional[Scope]:
        scope: Optional[Scope] = self.semantic.scope
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        return scope

    def _drf_settings(self, value: ast.expr) -> DrfSettings:
        if not isinstance(value, ast.Dict):
            return DrfSettings(known=False)
        settings = DrfSettings(known=True)
        for key, item in zip(value.keys, value.values):
            if key is None:
                return DrfSettings(known=False)
            name = literal_string(key)
            if name is None:
                continue
            if isinstance(item, (ast.List, ast.Tuple, ast.Set)) or name.endswith("_CLASSES"):
                settings.class_lists[name] = literal_strings(item)
                settings.class_list_spans[name] = self.ctx.span(item)
            elif isinstance(item, ast.Dict):
                keys = [literal_string(k) for k in item.keys]
                settings.mappings[name] = DictKeys([k for k in keys if k], None not in keys)
            elif name.endswith(("_RATES", "_MAP")):
                settings.mappings[name] = DictKeys([], False)
        return settings

    def _record_object(self, identity: str, kind: str, call: ast.Call) -> None:
        middleware: list[str] = []
        for element in getattr(keyword_argument(call, "middleware"), "elts", []):
            if isinstance(element, ast.Call) and element.args:
                middleware.append(self.qualified(element.args[0]) or "")
        handlers = keyword_argument(call, "exception_handlers")
        exceptions = [self.qualified(key) or "?" for key in handlers.keys
                      if key is not None] if isinstance(handlers, ast.Dict) else []
        prefix_node = keyword_argument(call, "prefix" if kind == "router" else "url_prefix")
        self.facts.objects.append(ServingObject(
            identity, kind, literal_string(prefix_node) or "",
            self.dependencies(keyword_argument(call, "dependencies")), middleware, exceptions))

    def on_return(self, value: Optional[ast.expr]) -> None:
        function = self.semantic.current_function()
        if function is None or value is None or not isinstance(value, (ast.Name, ast.Attribute)):
            return
        identity = self.object_id(value)
        if identity is not None:
            self.facts.aliases.append((f"{self.scope_prefix(self.semantic.scope)}()", identity))

    # ------------------------------------------------------------------ dependencies
    def dependencies(self, node: Optional[ast.AST]) -> list[Dependency]:
        """The dependencies in a `dependencies=[...]` list."""
        if node is None:
            return []
        if isinstance(node, ast.Name):
            node = self.semantic.value_of(node.id) or node
        found: list[Dependency] = []
        for element in getattr(node, "elts", []):
            if isinstance(element, ast.Name):
                element = self.semantic.value_of(element.id) or element
            dependency = self.dependency(element)
            found.append(dependency or Dependency("?", self.ctx.span(element)))
        return found

    def dependency(self, node: ast.AST) -> Optional[Dependency]:
        """`Depends(RateLimiter(...))` → a dependency on `fastapi_limiter.depends.RateLimiter`
        (at the inner call)."""
        if not isinstance(node, ast.Call) or self.qualified(node.func) not in FASTAPI_DEPENDS:
            return None
        target = call_argument(node, 0, "dependency")
        if target is None:
            return None
        name = strip_call(self.qualified(target))
        if name is None:
            return None
        keywords = [k.arg for k in target.keywords if k.arg] if isinstance(target, ast.Call) \
            else []
        return Dependency(name, self.ctx.span(target), isinstance(target, ast.Call),
                          keywords=keywords)

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
        if isinstance(annotation, ast.Subscript) and self.qualified(annotation.value) in (
                "typing.Annotated", "typing_extensions.Annotated"):
            return annotation_metadata(annotation)
        return []

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

    # ------------------------------------------------------------------ method hints
    def on_attribute(self, node: ast.Attribute) -> None:
        """`request.POST` in a Django view: the view handles POST. Every attribute a function
        uses may say what its body does (a marker)."""
        if self.semantic.current_function() is None:
            return
        if node.attr == "POST" and isinstance(node.value, ast.Name) \
                and node.value.id == "request":
            self._method_hint(["POST"])
        self.mark(node.attr)
        if isinstance(node.value, ast.Name):
            self.mark(node.value.id)

    def mark(self, name: str) -> None:
        """Record what a name used in a function body says the body does, for every
        enclosing function (a decorator's checks are in the wrapper it defines)."""
        marker = body_marker(name)
        if marker is None:
            return
        scope: Optional[Scope] = self.semantic.scope
        while scope is not None and scope.kind != "module":
            if scope.kind == "function":
                found = self.facts.markers.setdefault(self.scope_prefix(scope), [])
                if marker not in found:
                    found.append(marker)
            scope = scope.parent

    def _method_hint(self, methods: list[str]) -> None:
        key = self.scope_prefix(self.semantic.scope)
        hints = self.facts.method_hints
        hints[key] = sorted(set(hints.get(key, [])) | {m.upper() for m in methods})

    def on_compare(self, node: ast.Compare) -> None:
        """`if request.method == "POST":` tells which methods a Django view handles."""
        left = node.left
        if not (isinstance(left, ast.Attribute) and left.attr == "method"
                and isinstance(left.value, ast.Name) and left.value.id == "request"):
            return
        if self.semantic.current_function() is None:
            return
        methods: list[str] = []
        for comparator in node.comparators:
            single = literal_string(comparator)
            methods.extend([single] if single else (literal_strings(comparator) or []))
        if methods:
            self._method_hint(methods)

    # ------------------------------------------------------------------ decorators
    def classify(self, decorator: ast.expr, index: int) -> Decorator:
        """What one decorator is, framework-wise."""
        if isinstance(decorator, ast.Call):
            return self._classify_call(decorator, index)
        entry = Decorator(index, strip_call(self.qualified(decorator)))
        if isinstance(decorator, ast.Attribute):
            entry.attr = decorator.attr
            entry.receiver = self.receiver_id(decorator.value)
        if entry.qualified in METHOD_DECORATORS:
            entry.kind = DecoratorKind.METHODS
            entry.methods = list(METHOD_DECORATORS[entry.qualified])
        return entry

    def _classify_call(self, decorator: ast.Call, index: int) -> Decorator:
        func = decorator.func
        qualified = strip_call(self.qualified(func))
        if qualified == METHOD_DECORATOR and decorator.args:
            inner = self.classify(decorator.args[0], index)
            inner.handler = literal_string(keyword_argument(decorator, "name"))
            return inner
        entry = Decorator(index, qualified, is_call=True)
        if isinstance(func, ast.Attribute):
            entry.attr = func.attr
        if qualified == API_VIEW:
            methods = literal_strings(call_argument(decorator, 0, "http_method_names"))
            entry.kind = DecoratorKind.API_VIEW
            entry.methods = [m.upper() for m in methods or ["GET"]]
        elif qualified in DRF_CLASS_LIST_DECORATORS:
            entry.is_class_list = True
            entry.classes = self.class_list(call_argument(decorator, 0, "classes"))
        elif qualified == REQUIRE_HTTP_METHODS:
            methods = literal_strings(call_argument(decorator, 0, "request_method_list"))
            if methods is not None:
                entry.kind = DecoratorKind.METHODS
                entry.methods = [m.upper() for m in methods]
        elif qualified == DRF_ACTION:
            methods = literal_strings(keyword_argument(decorator, "methods")) or ["GET"]
            entry.kind = DecoratorKind.ACTION
            entry.methods = [m.upper() for m in methods]
            entry.url_path = literal_string(keyword_argument(decorator, "url_path"))
        elif isinstance(func, ast.Attribute):
            entry.receiver = self.receiver_id(func.value)
            if func.attr in ROUTE_DECORATORS:
                entry.kind = DecoratorKind.ROUTE
        return entry

    def class_list(self, node: Optional[ast.AST]) -> Optional[list[str]]:
        """Classes of a literal list (qualified names); None when not a literal."""
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.qualified(element) or "?" for element in node.elts]
        return None

    # ------------------------------------------------------------------ functions
    def on_function(self, node: FunctionNode) -> Optional[FunctionSummary]:
        decorators = [self.classify(d, i) for i, d in enumerate(node.decorator_list)]
        # A method's entries were made with its class's handlers; those are the ones kept.
        decorators = self.decorators_of.setdefault(id(node), decorators)
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) \
                    and decorator.func.attr == "exception_handler":
                self.add_exception_handler(decorator, decorator.func.value)
        names = [arg.arg for arg in named_parameters(node.args)]
        in_class = self.semantic.scope.kind == "class"
        takes_request = bool(names) and (names[0] == "request" or (
            in_class and len(names) > 1 and names[1] == "request"))
        if not decorators and not takes_request:
            return None
        qual = f"{self.scope_prefix(self.semantic.scope)}.{node.name}".lstrip(".")
        summary = FunctionSummary(
            qual, node.name, definition_span(self.ctx, node), decorators,
            "request" in names or "websocket" in names,
            self._parameter_dependencies(node), names)
        if not in_class:
            self.facts.functions[qual] = summary
        for index, decorator in enumerate(node.decorator_list):
            if decorators[index].kind is DecoratorKind.ROUTE:
                assert isinstance(decorator, ast.Call)
                self._decorated_route(decorator, index, qual, summary)
        return summary

    def _parameter_dependencies(self, node: FunctionNode) -> list[Dependency]:
        found: list[Dependency] = []
        for arg, default in parameters_with_defaults(node):
            candidates = [default] if default is not None else []
            candidates.extend(self._annotated_metadata(arg.annotation, 0))
            for candidate in candidates:
                dependency = self.dependency(candidate) if isinstance(
                    candidate, ast.Call) else None
                if dependency is not None:
                    dependency.optional = is_optional(arg.annotation)
                    found.append(dependency)
        return found

    def _decorated_route(self, decorator: ast.Call, index: int, qual: str,
                         summary: FunctionSummary) -> None:
        assert isinstance(decorator.func, ast.Attribute)
        receiver = decorator.func.value
        owner = self.object_id(receiver)
        owner_type = strip_call(self.qualified(receiver))
        if owner is None and owner_type not in APP_TYPES:
            return
        verb = decorator.func.attr
        if verb in HTTP_VERBS:
            methods: Optional[list[str]] = [verb.upper()]
        elif verb == "websocket":
            methods = ["WEBSOCKET"]
        else:
            methods_node = keyword_argument(decorator, "methods")
            literal = literal_strings(methods_node) if methods_node is not None else ["GET"]
            methods = [m.upper() for m in literal] if literal is not None else None
        path = literal_string(call_argument(decorator, 0, "path")) or literal_string(
            keyword_argument(decorator, "rule"))
        self.facts.routes.append(Route(
            owner, owner_type, path or "", methods, qual,
            self.dependencies(keyword_argument(decorator, "dependencies")), summary.span,
            RouteStyle.DECORATOR, route_index=index, function=summary))

    # ------------------------------------------------------------------ classes
    def on_class(self, node: ast.ClassDef) -> None:
        if not node.bases:
            return  # the project index knows it (a mixin); it serves nothing by itself
        qual = f"{self.scope_prefix(self.semantic.scope)}.{node.name}".lstrip(".")
        summary = ClassSummary(
            qual, node.name, definition_span(self.ctx, node),
            [self.base_name(base) for base in node.bases],
            [self.classify(d, i) for i, d in enumerate(node.decorator_list)])
        for statement in node.body:
            self._class_statement(statement, summary)
        self.facts.classes[qual] = summary

    def _class_statement(self, statement: ast.stmt, summary: ClassSummary) -> None:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = [self.classify(d, i) for i, d in enumerate(statement.decorator_list)]
            self.decorators_of[id(statement)] = decorators
            summary.handlers[statement.name] = Handler(
                definition_span(self.ctx, statement), decorators)
            return
        target: Optional[ast.expr] = None
        value: Optional[ast.expr] = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        if not isinstance(target, ast.Name) or value is None:
            return
        if target.id in VIEW_CLASS_LIST_ATTRIBUTES:
            summary.class_lists[target.id] = ClassList(self.class_list(value),
                                                       self.ctx.span(statement))
        elif target.id == "decorators":
            elements = value.elts if isinstance(value, (ast.List, ast.Tuple)) else []
            summary.view_decorators = [self.classify(element, -1) for element in elements]
        elif target.id == "methods":
            summary.methods = literal_strings(value)
        elif target.id == "method_decorators":
            elements = value.elts if isinstance(value, (ast.List, ast.Tuple)) else []
            summary.method_decorators = [self.classify(element, -1) for element in elements]
        elif isinstance(value, ast.Constant) and isinstance(value.value, str):
            summary.strings[target.id] = value.value
            summary.string_spans[target.id] = self.ctx.span(statement)
        elif target.id.endswith("_scope"):
            summary.strings[target.id] = "?"
            summary.string_spans[target.id] = self.ctx.span(statement)
