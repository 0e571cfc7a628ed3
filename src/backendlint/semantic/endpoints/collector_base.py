"""The endpoint collector's foundation: one module's `EndpointFacts` being written, the
identities of names and objects (`object_id`), dependencies, decorator classification and
the HTTP-method hints of view bodies. registrations.py and collect.py build on it."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.knowledge.auth import body_marker
from backendlint.knowledge.fastapi import FASTAPI_DEPENDS
from backendlint.knowledge.web_frameworks import (
    API_VIEW,
    DRF_ACTION,
    DRF_CLASS_LIST_DECORATORS,
    METHOD_DECORATOR,
    METHOD_DECORATORS,
    REQUIRE_HTTP_METHODS,
    ROUTE_DECORATORS,
)
from backendlint.semantic.analyze.annotations import annotation_metadata
from backendlint.semantic.analyze.arguments import (
    call_argument,
    keyword_argument,
    named_parameters,
)
from backendlint.semantic.endpoints.facts import (
    Decorator,
    DecoratorKind,
    Dependency,
    EndpointFacts,
)
from backendlint.semantic.endpoints.literals import (
    literal_string,
    literal_strings,
    strip_call,
)
from backendlint.semantic.model import Scope, SemanticModel

_MAX_ALIAS_DEPTH = 3


class CollectorBase:
    """The endpoint collector's state and the questions every part of it asks: identities
    of names and objects, dependencies, decorators, HTTP-method hints."""

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
        # Where `object_id` records the parameters of the functions it names: this module's
        # facts while the collector is fed; a reader's own table while a reader asks (see
        # EndpointReader), so one reader's questions never show in another's facts.
        self.parameter_sink: dict[str, list[str]] = self.facts.parameters


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
            self.parameter_sink[self.scope_prefix(scope)] = params
            return own
        if binding.kind in ("assign", "annassign"):
            value = binding.value
            if isinstance(value, (ast.Name, ast.Attribute)):
                return self.object_id(value, depth + 1) or own
            return own
        return None


    def _class_scope(self) -> Optional[Scope]:
        scope: Optional[Scope] = self.semantic.scope
        while scope is not None and scope.kind != "class":
            scope = scope.parent
        return scope


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
