"""Whether a value comes from the request: a FastAPI route parameter typed `str`, Flask
`request.args`/`form`/`json`/`values`, Django `request.GET`/`POST`, Starlette or DRF
`request.query_params`, or a local variable assigned one of those."""

from __future__ import annotations

import ast

from backendlint.knowledge.fastapi import is_path_operation_decorator
from backendlint.knowledge.sql_sinks import (
    REQUEST_ATTRIBUTES,
    REQUEST_PARAMETER_ATTRIBUTES,
    STR_PARAMETER_ANNOTATIONS,
)
from backendlint.practices.sql_building.templates import MAX_DEPTH
from backendlint.semantic.analyze.arguments import named_parameters
from backendlint.semantic.model import SemanticModel


class RequestData:
    """Answers "does this expression carry request data?" at the traversal's position."""

    def __init__(self, semantic: SemanticModel) -> None:
        self.semantic = semantic

    def is_request(self, expr: ast.expr, line: int, depth: int) -> bool:
        if depth > MAX_DEPTH:
            return False
        for node in ast.walk(expr):
            if isinstance(node, ast.Attribute) and self._request_attribute(node):
                return True
            if isinstance(node, ast.Name) and self._request_name(node.id, line, depth):
                return True
        return False

    def _request_attribute(self, node: ast.Attribute) -> bool:
        qualified = self.semantic.qualified_name(node) or ""
        if qualified.startswith("flask.request.") and node.attr in REQUEST_ATTRIBUTES:
            return True
        if node.attr not in REQUEST_ATTRIBUTES or not isinstance(node.value, ast.Name):
            return False
        binding = self.semantic.lookup(node.value.id)
        if binding is None or binding.kind != "param":
            return False
        if node.value.id == "request":
            return node.attr in REQUEST_PARAMETER_ATTRIBUTES
        annotation = self.semantic.qualified_name(binding.annotation) \
            if binding.annotation is not None else None
        return annotation is not None and annotation.endswith(("Request()", "HttpRequest()"))

    def _request_name(self, name: str, line: int, depth: int) -> bool:
        binding = self.semantic.lookup(name, before_line=line)
        if binding is None:
            return False
        if binding.kind == "param":
            return self._endpoint_parameter(binding.node, binding.annotation)
        if binding.kind in ("assign", "annassign") and binding.value is not None:
            return self.is_request(binding.value, binding.line - 1, depth + 1)
        return False

    def _endpoint_parameter(self, arg: ast.AST, annotation: ast.expr | None) -> bool:
        """A string parameter of a FastAPI route function: filled from the query or path."""
        function = self.semantic.current_function()
        if function is None or arg not in named_parameters(function.args):
            return False
        if not any(self._is_route_decorator(d) for d in function.decorator_list):
            return False
        if annotation is None:
            return True
        names = {getattr(node, "id", getattr(node, "attr", ""))
                 for node in ast.walk(annotation)} - {""}
        return "str" in names and not names - STR_PARAMETER_ANNOTATIONS - {
            "None", "Annotated", "typing", "fastapi"}

    def _is_route_decorator(self, decorator: ast.expr) -> bool:
        return is_path_operation_decorator(self.semantic, decorator)
