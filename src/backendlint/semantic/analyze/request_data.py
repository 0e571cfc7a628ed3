"""Whether a value comes from the web request being handled: a request object's fields
(Flask's `request.args`, Django's `request.GET`, Starlette's `request.query_params`), a
path operation's parameters, and names assigned from them in the handler."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.knowledge.fastapi import FASTAPI_DEPENDS, is_path_operation_decorator
from backendlint.knowledge.html import ESCAPERS, ESCAPING_METHODS
from backendlint.knowledge.request_data import (
    GLOBAL_REQUESTS,
    REQUEST_CLASSES,
    REQUEST_FIELDS,
)
from backendlint.semantic.analyze.annotations import strip_optional
from backendlint.semantic.analyze.arguments import FunctionNode, parameters_with_defaults
from backendlint.semantic.analyze.formatted_text import formatted_text
from backendlint.semantic.model import SemanticModel

_MAX_DEPTH = 12
# String methods that keep whatever markup their receiver has.
_KEEPING_METHODS = frozenset({
    "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "replace",
    "format", "join", "get", "getlist", "pop", "decode", "encode", "split", "removeprefix",
    "removesuffix", "casefold", "swapcase", "center", "ljust", "rjust", "zfill",
})
_ROUTE_DECORATORS = frozenset({"route", "get", "post", "put", "patch", "delete"})
_FLASK_RECEIVERS = frozenset({"flask.Flask()", "flask.Blueprint()", "quart.Quart()",
                              "flask.app.Flask()", "flask.blueprints.Blueprint()"})


def is_flask_route(semantic: SemanticModel, function: FunctionNode) -> bool:
    """`@app.route(...)` / `@bp.get(...)` on a Flask app or blueprint."""
    for decorator in function.decorator_list:
        if (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr in _ROUTE_DECORATORS
                and semantic.qualified_name(decorator.func.value) in _FLASK_RECEIVERS):
            return True
    return False


def is_fastapi_route(semantic: SemanticModel, function: FunctionNode) -> bool:
    return any(is_path_operation_decorator(semantic, decorator)
               for decorator in function.decorator_list)


def _is_request_object(semantic: SemanticModel, node: ast.expr) -> bool:
    if not isinstance(node, ast.Name):
        # a class-based view's `self.request`
        return (isinstance(node, ast.Attribute) and node.attr == "request"
                and isinstance(node.value, ast.Name) and node.value.id == "self")
    binding = semantic.lookup(node.id)
    if binding is None:
        return False
    if binding.kind == "import":
        return binding.qualified in GLOBAL_REQUESTS
    if binding.kind == "param":
        if node.id in ("request", "req"):
            return True
        if binding.annotation is not None:
            target = strip_optional(binding.annotation)
            return target is not None and semantic.qualified_name(target) in REQUEST_CLASSES
    return False


def _route_parameter(semantic: SemanticModel, name: str) -> bool:
    """A parameter of the FastAPI path operation or Flask view being visited that carries
    client text (not a dependency, not a number or other converted type)."""
    function = semantic.current_function()
    if function is None:
        return False
    binding = semantic.lookup(name)
    if binding is None or binding.kind != "param" or not isinstance(binding.node, ast.arg):
        return False
    if not (is_fastapi_route(semantic, function) or is_flask_route(semantic, function)):
        return False
    annotation = binding.annotation
    if annotation is not None:
        target = strip_optional(annotation)
        if target is None:
            return False
        if ast.unparse(target) != "str":
            return False
    defaults = next((default for arg, default in parameters_with_defaults(function)
                     if arg is binding.node), None)
    return not (defaults is not None and isinstance(defaults, ast.Call) and semantic.qualified_name(defaults.func) in FASTAPI_DEPENDS)


def request_source(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0,
                   line: Optional[int] = None) -> Optional[str]:
    """How a value comes from the request (`request.args`, `route parameter name`), or None
    when it does not, or passes through an escaper or a conversion on the way. Names are
    looked up before `line` (default: where the model stands), so `name = name.strip()`
    follows the earlier `name`."""
    if expr is None or depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Await):
        return request_source(semantic, expr.value, depth + 1, line)
    if isinstance(expr, ast.Name):
        if _route_parameter(semantic, expr.id):
            return f"the route parameter `{expr.id}`"
        binding = semantic.lookup(expr.id, line)
        if (binding is not None and binding.kind in ("assign", "annassign", "with")
                and binding.value is not None):
            return request_source(semantic, binding.value, depth + 1, binding.line - 1)
        return None
    found = formatted_text(expr)
    if found is not None:
        for value in found.values:
            source = request_source(semantic, value, depth + 1, line)
            if source is not None:
                return source
        return None
    if isinstance(expr, ast.IfExp):
        return (request_source(semantic, expr.body, depth + 1, line)
                or request_source(semantic, expr.orelse, depth + 1, line))
    if isinstance(expr, ast.BoolOp):
        for value in expr.values:
            source = request_source(semantic, value, depth + 1, line)
            if source is not None:
                return source
        return None
    if isinstance(expr, ast.Call):
        qualified = semantic.qualified_name(expr.func)
        if qualified in ESCAPERS:
            return None
        if qualified == "builtins.str" and expr.args:
            return request_source(semantic, expr.args[0], depth + 1, line)
        if isinstance(expr.func, ast.Attribute):
            if expr.func.attr in ESCAPING_METHODS:
                return None
            if expr.func.attr in REQUEST_FIELDS and _is_request_object(semantic,
                                                                       expr.func.value):
                return f"`{ast.unparse(expr.func)}()`"
            if expr.func.attr in _KEEPING_METHODS:
                source = request_source(semantic, expr.func.value, depth + 1, line)
                if source is None and expr.func.attr in ("join", "format") and expr.args:
                    source = request_source(semantic, expr.args[0], depth + 1, line)
                return source
        return None
    if isinstance(expr, ast.Subscript):
        return request_source(semantic, expr.value, depth + 1, line)
    if isinstance(expr, ast.Attribute):
        if expr.attr in REQUEST_FIELDS and _is_request_object(semantic, expr.value):
            return f"`{ast.unparse(expr)}`"
        return request_source(semantic, expr.value, depth + 1, line) if isinstance(
            expr.value, (ast.Attribute, ast.Subscript, ast.Call)) else None
    return None


def is_request_object(semantic: SemanticModel, node: ast.expr) -> bool:
    """The request being handled: Flask's global `request`, or a handler's `request`
    parameter (Django, DRF, Starlette)."""
    return _is_request_object(semantic, node)
