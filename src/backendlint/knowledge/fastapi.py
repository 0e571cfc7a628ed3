"""What FastAPI's API is called, for every practice that needs to recognise it."""

from __future__ import annotations

import ast

from backendlint.semantic.model import SemanticModel

# Instances that take route decorators (written as the semantic model spells call results).
FASTAPI_RECEIVERS = frozenset({
    "fastapi.FastAPI()", "fastapi.APIRouter()", "fastapi.applications.FastAPI()",
    "fastapi.routing.APIRouter()",
})
# Their decorators that declare a path operation.
FASTAPI_OPERATIONS = frozenset({
    "get", "post", "put", "patch", "delete", "options", "head", "trace", "api_route",
    "websocket",
})
# `Depends(...)` and `Security(...)` under every name FastAPI exports them.
FASTAPI_DEPENDS = frozenset({
    "fastapi.Depends", "fastapi.Security", "fastapi.params.Depends", "fastapi.params.Security",
    "fastapi.param_functions.Depends", "fastapi.param_functions.Security",
})


def is_path_operation_decorator(semantic: SemanticModel, decorator: ast.expr) -> bool:
    """`@app.get("/x")` or `@router.post(...)` on a FastAPI app or router, any variable name."""
    if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in FASTAPI_OPERATIONS):
        return False
    return semantic.qualified_name(decorator.func.value) in FASTAPI_RECEIVERS
# Path operations that change state (their body is what a client writes).
FASTAPI_MUTATING_OPERATIONS = frozenset({"post", "put", "patch", "delete"})
# `Body()` under the names FastAPI exports it.
FASTAPI_BODY = frozenset({"fastapi.Body", "fastapi.params.Body", "fastapi.param_functions.Body"})
# Annotations that accept any JSON object without checking a field.
UNTYPED_BODY_ANNOTATIONS = frozenset({
    "builtins.dict", "typing.Dict", "typing.Any", "typing.Mapping", "typing.MutableMapping",
    "collections.abc.Mapping", "builtins.object", "typing_extensions.Any",
})
PYDANTIC_MODELS = frozenset({"pydantic.BaseModel", "pydantic.main.BaseModel",
                             "sqlmodel.SQLModel"})
# Class-name endings of request (input) models.
REQUEST_MODEL_SUFFIXES = ("Create", "Update", "In", "Input", "Request", "Payload", "Body",
                          "Params", "Patch", "Form")
