"""Whether an expression is request data no validation has touched: `request.data`,
`request.POST.dict()`, `request.json`, `await request.json()`, `request.get_json()`, or a
local name assigned one of them."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.knowledge.access_control import RAW_REQUEST_ATTRIBUTES, RAW_REQUEST_METHODS
from backendlint.semantic.model import SemanticModel

_MAX_DEPTH = 4
_REQUEST_NAMES = frozenset({"request", "req", "self.request"})


def _request_name(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Name):
        return expr.id in _REQUEST_NAMES
    return (isinstance(expr, ast.Attribute) and expr.attr == "request"
            and isinstance(expr.value, ast.Name) and expr.value.id == "self")


def raw_request_data(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0
                     ) -> Optional[str]:
    """The source-like spelling of the raw request data an expression is, or None."""
    if expr is None or depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Await):
        return raw_request_data(semantic, expr.value, depth + 1)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        if expr.func.attr in RAW_REQUEST_METHODS:
            inner = expr.func.value
            if _request_name(inner):
                return f"request.{expr.func.attr}()"
            found = raw_request_data(semantic, inner, depth + 1)
            return f"{found}.{expr.func.attr}()" if found else None
        return None
    if isinstance(expr, ast.Attribute) and expr.attr in RAW_REQUEST_ATTRIBUTES:
        return f"request.{expr.attr}" if _request_name(expr.value) else None
    if isinstance(expr, ast.Name):
        value = semantic.value_of(expr.id)
        return raw_request_data(semantic, value, depth + 1) if value is not None else None
    return None
