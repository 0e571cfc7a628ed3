"""BL708: a request body that reaches the application without validation."""

from __future__ import annotations

import ast
import re
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.fastapi import (
    FASTAPI_BODY,
    FASTAPI_MUTATING_OPERATIONS,
    FASTAPI_RECEIVERS,
    PYDANTIC_MODELS,
    REQUEST_MODEL_SUFFIXES,
    UNTYPED_BODY_ANNOTATIONS,
)
from backendlint.knowledge.request_data import REQUEST_CLASSES
from backendlint.semantic.analyze.annotations import strip_optional
from backendlint.semantic.analyze.arguments import FunctionNode, parameters_with_defaults
from backendlint.semantic.analyze.constants import constant_str
from backendlint.semantic.analyze.request_data import request_source

_VALIDATES = (r"(model_validate|model_validate_json|parse_obj|parse_raw|validate_python|"
              r"validate_json|validate|load|loads|is_valid|construct|model_construct|Schema|"
              r"Serializer|Model|Form)\w*\(\s*")


class UnvalidatedRequestBody(Rule):
    """## What it does
    Checks for request bodies that skip validation: a state-changing FastAPI path operation
    whose body parameter is `dict`, `Any` or `Body()` without a model; a handler that reads
    `await request.json()` or `await request.form()` and uses the result without passing it
    through a model; `model_construct()` (Pydantic v1: `construct()`) on request data, which
    skips validation by design; and a request model that accepts unknown fields
    (`extra="allow"`).

    ## Why is this bad?
    Without a schema, every field is whatever the client sent: strings where numbers were
    expected, nested objects where strings were, extra keys that reach `Model(**data)` or
    `obj.update(data)` and set `is_admin` (mass assignment, CWE-915), sizes nobody bounded.
    Validation errors then surface deep in the code as 500s instead of a clear 422.

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()


    @app.post("/orders")
    async def create_order(order: dict) -> dict:
        return {"id": 1, **order}
    ```

    Use instead:
    ```python
    from fastapi import FastAPI
    from pydantic import BaseModel

    app = FastAPI()


    class OrderCreate(BaseModel):
        sku: str
        quantity: int


    @app.post("/orders")
    async def create_order(order: OrderCreate) -> dict:
        return {"id": 1, **order.model_dump()}
    ```

    ## Options
    None.

    ## Fix safety
    No fix: the model's fields are yours to write.
    """

    code = "BL708"
    name = "unvalidated-request-body"
    severity = Severity.WARNING
    confidence = Confidence.HIGH
    cwe = 20
    requires_any_text = ("fastapi", "starlette", "construct", "extra")

    def _mutating_route(self, function: FunctionNode) -> Optional[str]:
        for decorator in function.decorator_list:
            if (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                    and decorator.func.attr in FASTAPI_MUTATING_OPERATIONS
                    and self.semantic.qualified_name(decorator.func.value) in FASTAPI_RECEIVERS):
                return decorator.func.attr.upper()
        return None

    def visit_FunctionDef(self, node: FunctionNode) -> None:
        if not node.decorator_list or self.ctx.is_test_file:
            return
        method = self._mutating_route(node)
        if method is None:
            return
        for arg, default in parameters_with_defaults(node):
            annotation = strip_optional(arg.annotation) if arg.annotation is not None else None
            body = isinstance(default, ast.Call) and self.semantic.qualified_name(
                default.func) in FASTAPI_BODY
            untyped = annotation is not None and self.semantic.qualified_name(
                annotation) in UNTYPED_BODY_ANNOTATIONS
            if untyped or (body and arg.annotation is None):
                kind = ast.unparse(arg.annotation) if arg.annotation is not None else "Body()"
                self.report(arg, f"the {method} body `{arg.arg}: {kind}` is accepted without a "
                            "model: any fields, any types; declare a Pydantic model for it")

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Await(self, node: ast.Await) -> None:
        call = node.value
        if self.ctx.is_test_file or not (
                isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr in ("json", "form") and isinstance(call.func.value, ast.Name)):
            return
        function = self.semantic.current_function()
        if function is None or not self._starlette_request(call.func.value.id):
            return
        statement = self.ctx.statement_stack[-1] if self.ctx.statement_stack else None
        if statement is None:
            return
        segment = self.ctx.source.segment(statement)
        if re.search(_VALIDATES + r"(\*\*)?\s*await", segment):
            return
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [
                statement.target]
            names = [target.id for target in targets if isinstance(target, ast.Name)]
            body = self.ctx.source.segment(function)
            if not names or any(re.search(_VALIDATES + r"(\*\*)?" + re.escape(name) + r"\b",
                                          body) for name in names):
                return
        self.report(node, f"`await {ast.unparse(call)}` is used without a model: pass it "
                    "through a Pydantic model (`Model.model_validate(...)`) or declare the "
                    "body as a typed parameter", confidence=Confidence.MEDIUM)

    def _starlette_request(self, name: str) -> bool:
        binding = self.semantic.lookup(name)
        if binding is None or binding.kind != "param" or binding.annotation is None:
            return False
        target = strip_optional(binding.annotation)
        return target is not None and self.semantic.qualified_name(target) in REQUEST_CLASSES \
            and "django" not in (self.semantic.qualified_name(target) or "") \
            and "rest_framework" not in (self.semantic.qualified_name(target) or "")

    def visit_Call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Attribute) or \
                node.func.attr not in ("model_construct", "construct") or self.ctx.is_test_file:
            return
        values = [*node.args, *(keyword.value for keyword in node.keywords)]
        for value in values:
            source = request_source(self.semantic, value)
            if source is not None:
                self.report(node, f"`{ast.unparse(node.func)}()` of request data ({source}) "
                            "skips validation by design; use `model_validate()`")
                return

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if not node.bases or not node.name.endswith(REQUEST_MODEL_SUFFIXES) or \
                self.ctx.is_test_file or not any(
                    self.semantic.qualified_name(base) in PYDANTIC_MODELS for base in node.bases):
            return
        for statement in node.body:
            where = _extra_allow(self, statement)
            if where is not None:
                self.report(where, f"the request model `{node.name}` accepts fields it does not "
                            "declare (`extra=\"allow\"`): they reach `model_dump()` and "
                            "`**data` unchecked; use `extra=\"forbid\"` or `\"ignore\"`",
                            confidence=Confidence.MEDIUM)
                return


def _extra_allow(rule: Rule, statement: ast.stmt) -> Optional[ast.AST]:
    if isinstance(statement, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id in ("model_config", "extra")
            for target in statement.targets):
        value = statement.value
        if isinstance(value, ast.Call):
            for keyword in value.keywords:
                if keyword.arg == "extra" and _is_allow(rule, keyword.value):
                    return statement
        if isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values):
                if key is not None and constant_str(rule.semantic, key) == "extra" and \
                        _is_allow(rule, item):
                    return statement
        if _is_allow(rule, value):
            return statement
    if isinstance(statement, ast.ClassDef) and statement.name == "Config":
        for inner in statement.body:
            found = _extra_allow(rule, inner)
            if found is not None:
                return found
    return None


def _is_allow(rule: Rule, value: ast.expr) -> bool:
    if constant_str(rule.semantic, value) == "allow":
        return True
    return isinstance(value, ast.Attribute) and value.attr == "allow" and isinstance(
        value.value, (ast.Name, ast.Attribute)) and ast.unparse(value.value).endswith("Extra")
