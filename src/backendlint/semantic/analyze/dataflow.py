"""Where a value comes from: the leaves that flow into an expression, the name or key each is
known by, and the object a value is read from."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Optional

from backendlint.knowledge.dataflow import (
    KEYED_GETTERS,
    MISLEADING_ENVIRONMENT_KEYS,
    TRANSPARENT_FUNCTIONS,
    TRANSPARENT_METHODS,
)
from backendlint.semantic.model import SemanticModel

_MAX_DEPTH = 8
_VALUE_BINDINGS = ("assign", "annassign", "augassign")


def data_leaves(semantic: SemanticModel, expr: ast.expr) -> list[ast.expr]:
    """The values that flow into an expression: names (and what local assignments gave them),
    attributes, subscripts, keyed `.get()` calls and opaque calls. `.encode()`, `str()`,
    concatenation and f-strings are looked through."""
    leaves: list[ast.expr] = []
    seen: set[str] = set()
    stack: list[tuple[ast.expr, int]] = [(expr, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > _MAX_DEPTH:
            continue
        if isinstance(current, ast.Name):
            leaves.append(current)
            if current.id not in seen:
                seen.add(current.id)
                stack.extend((binding.value, depth + 1)
                             for binding in semantic.bindings(current.id)
                             if binding.kind in _VALUE_BINDINGS and binding.value is not None)
        elif isinstance(current, ast.Attribute):
            leaves.append(current)
            # WTForms: `form.password.data`.
            if current.attr in ("data", "value"):
                stack.append((current.value, depth + 1))
        elif isinstance(current, ast.BinOp):
            stack.extend(((current.left, depth + 1), (current.right, depth + 1)))
        elif isinstance(current, ast.JoinedStr):
            stack.extend((value, depth + 1) for value in current.values)
        elif isinstance(current, (ast.FormattedValue, ast.Await, ast.Starred)):
            stack.append((current.value, depth + 1))
        elif isinstance(current, ast.IfExp):
            stack.extend(((current.body, depth + 1), (current.orelse, depth + 1)))
        elif isinstance(current, ast.Call):
            stack.extend((inner, depth + 1) for inner in _call_inputs(semantic, current, leaves))
        else:
            leaves.append(current)
    return leaves


def _call_inputs(semantic: SemanticModel, call: ast.Call, leaves: list[ast.expr]
                 ) -> list[ast.expr]:
    func = call.func
    if isinstance(func, ast.Attribute):
        if func.attr in KEYED_GETTERS and call.args and isinstance(call.args[0], ast.Constant):
            leaves.append(call)
            return []
        if func.attr in TRANSPARENT_METHODS:
            return [func.value, *call.args]
    if semantic.qualified_name(func) in TRANSPARENT_FUNCTIONS:
        return list(call.args)
    leaves.append(call)
    return []


def leaf_name(semantic: SemanticModel, leaf: ast.expr) -> Optional[str]:
    """The identifier or key a leaf is known by: `password`, `form.password`,
    `data["password"]`, `request.POST.get("password")`."""
    if isinstance(leaf, ast.Name):
        binding = semantic.lookup(leaf.id)
        # `import pwd` is the Unix password database module, not a password.
        if binding is not None and binding.kind in ("import", "function", "class"):
            return None
        return leaf.id
    if isinstance(leaf, ast.Attribute):
        return leaf.attr
    if isinstance(leaf, ast.Subscript):
        key = leaf.slice
    elif isinstance(leaf, ast.Call) and isinstance(leaf.func, ast.Attribute) and leaf.args:
        key = leaf.args[0]
    else:
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        # `os.environ["PWD"]` is the working directory.
        return None if key.value in MISLEADING_ENVIRONMENT_KEYS else key.value
    return None


def target_name(target: ast.expr) -> Optional[str]:
    """The name an assignment target writes: `x`, `obj.x`, `row["x"]`."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript):
        key = target.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    return None


def value_holder(expr: ast.expr) -> Optional[ast.expr]:
    """The object a value is read from: `user` in `user.password`, `row["pw"]`,
    `user.get("password")`."""
    if isinstance(expr, (ast.Attribute, ast.Subscript)):
        return expr.value
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr in KEYED_GETTERS:
        return expr.func.value
    return None


def chain_names(expr: ast.expr) -> list[str]:
    """`request.user` → ["request", "user"]; `get_user(id)` → ["get_user"];
    `User.objects.get(pk=1)` → ["User", "objects", "get"]."""
    names: list[str] = []
    current: Optional[ast.expr] = expr
    for _ in range(_MAX_DEPTH):
        if isinstance(current, ast.Attribute):
            names.append(current.attr)
            current = current.value
        elif isinstance(current, ast.Call):
            current = current.func
        elif isinstance(current, ast.Subscript):
            current = current.value
        elif isinstance(current, ast.Name):
            names.append(current.id)
            break
        else:
            break
    return names[::-1]


def derives_from_parameters(semantic: SemanticModel, leaves: Iterable[ast.expr]) -> bool:
    """Whether some leaf is a parameter of the function around it (not `self`/`cls`)."""
    for leaf in leaves:
        if isinstance(leaf, ast.Name) and leaf.id not in ("self", "cls"):
            binding = semantic.lookup(leaf.id)
            if binding is not None and binding.kind == "param":
                return True
    return False


def calls_with_prefix(semantic: SemanticModel, leaves: Iterable[ast.expr],
                      prefixes: tuple[str, ...]) -> bool:
    """Whether some leaf is a call of an API whose qualified name starts with a prefix."""
    for leaf in leaves:
        if isinstance(leaf, ast.Call):
            qualified = semantic.qualified_name(leaf.func) or ""
            if qualified.startswith(prefixes):
                return True
    return False
