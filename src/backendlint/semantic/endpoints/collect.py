"""The per-file half of the endpoint model: fills one module's `EndpointFacts` from the nodes
a practice's FileAnalysis hands it during the single traversal (`on_function`, `on_class`,
`on_call`, `on_assign`, `on_return`, `on_attribute`, `on_compare`).

Built in layers: collector_base.py (state, identities, dependencies, decorators, method
hints), registrations.py (the calls that register routes and includes), and here the
assignments, functions and classes, with the shared per-file model the practices read."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.core.rule import Visitor
from backendlint.knowledge.web_frameworks import (
    APP_TYPES,
    HTTP_VERBS,
    LIBRARY_ROOTS,
    VIEW_CLASS_LIST_ATTRIBUTES,
)
from backendlint.semantic.analyze.annotations import is_optional
from backendlint.semantic.analyze.arguments import (
    FunctionNode,
    call_argument,
    keyword_argument,
    named_parameters,
    parameters_with_defaults,
)
from backendlint.semantic.endpoints.facts import (
    ClassList,
    ClassSummary,
    DecoratorKind,
    Dependency,
    DictKeys,
    DrfSettings,
    EndpointFacts,
    FunctionSummary,
    Handler,
    Include,
    Route,
    RouteStyle,
    ServingObject,
    ViewAlias,
    with_parameters,
)
from backendlint.semantic.endpoints.literals import (
    called_name,
    definition_span,
    literal_string,
    literal_strings,
    loaded_class,
    loaded_from_list,
    strip_call,
)
from backendlint.semantic.endpoints.registrations import RouteRegistrations
from backendlint.semantic.model import SemanticModel

# APIs that register resource classes on an app or blueprint (flask-restful, flask-restx).
RESOURCE_APIS = frozenset({"flask_restful.Api", "flask_restx.Api", "flask_restplus.Api"})


class EndpointCollector(RouteRegistrations):
    """Writes one module's endpoint facts."""

    # ------------------------------------------------------------------ assignments
    def on_assign(self, targets: list[ast.expr], value: Optional[ast.expr]) -> None:
        if value is None:
            return
        if isinstance(value, ast.Call) and called_name(value.func) == "partial":
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
                loaded = loaded_class(binding.value) or loaded_from_list(binding.node,
                                                                          base.id)
                if loaded is not None:
                    return loaded
        return self.qualified(base) or "?"


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




class SharedEndpoints(Visitor):
    """The endpoint model of one file, fed once during the traversal for every practice that
    reads it (rate limiting, access control): `SharedEndpoints.of(ctx)` from a practice
    analysis's `__init__` makes it, and the engine walks it ahead of the analyses, so on each
    node the model is up to date before a practice looks at it."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.collector = EndpointCollector(ctx)
        # What `on_function` made of each def (None: not a view), for the readers.
        self.summaries: dict[int, Optional[FunctionSummary]] = {}
        # The defs whose decorators registered a route (by node).
        self.routed: set[int] = set()

    @classmethod
    def of(cls, ctx: FileContext) -> SharedEndpoints:
        return ctx.shared_visitor(cls)

    def reader(self) -> EndpointReader:
        return EndpointReader(self)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def _function(self, node: FunctionNode) -> None:
        routes = self.collector.facts.routes
        before = len(routes)
        self.summaries[id(node)] = self.collector.on_function(node)
        if len(routes) > before:
            self.routed.add(id(node))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.collector.on_class(node)

    def visit_Call(self, node: ast.Call) -> None:
        self.collector.on_call(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.collector.on_assign(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.collector.on_assign([node.target], node.value)

    def visit_Return(self, node: ast.Return) -> None:
        self.collector.on_return(node.value)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.collector.on_attribute(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        self.collector.on_compare(node)


class EndpointReader:
    """One practice's questions to the shared endpoint model. `object_id` records the
    parameters of the functions it names in the facts; a reader keeps those in a table of
    its own, and `facts` gives this module's endpoint facts with them, exactly what the
    practice's own collector used to write."""

    def __init__(self, shared: SharedEndpoints) -> None:
        self.shared = shared
        self.collector = shared.collector
        self.semantic: SemanticModel = shared.collector.semantic
        self._parameters: dict[str, list[str]] = {}

    def summary(self, node: FunctionNode) -> Optional[FunctionSummary]:
        return self.shared.summaries.get(id(node))

    def qualified(self, node: ast.AST) -> Optional[str]:
        return self.collector.qualified(node)

    def function_prefix(self) -> Optional[str]:
        return self.collector.function_prefix()

    def object_id(self, node: Optional[ast.AST], depth: int = 0) -> Optional[str]:
        collector = self.collector
        saved = collector.parameter_sink
        collector.parameter_sink = self._parameters
        try:
            return collector.object_id(node, depth)
        finally:
            collector.parameter_sink = saved

    @property
    def facts(self) -> EndpointFacts:
        """This module's endpoint facts as this practice sees them: with the parameters
        its questions added (see `with_parameters`)."""
        return with_parameters(self.collector.facts, self._parameters)

    @property
    def added_parameters(self) -> dict[str, list[str]]:
        """The parameters this practice's questions recorded beyond the shared model's: the
        practice stores them in its own facts, and the shared facts once for all readers."""
        return dict(self._parameters)

    def store(self) -> None:
        """Keep the shared endpoint facts for the project pass (once per file, however
        many practices read them)."""
        self.shared.ctx.set_facts(self.collector.facts)
