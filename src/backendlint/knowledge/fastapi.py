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
