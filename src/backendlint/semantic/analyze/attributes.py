"""Attribute chains and callee names: `a.b.c(...)` read from the outside in."""

from __future__ import annotations

import ast

# How far a chain is followed (`Model.objects.filter(...).exclude(...).raw`).
_CHAIN_DEPTH = 8


def called_name(func: ast.expr) -> str:
    """The last name of a callee: `execute` for `cur.execute`, `run` for `run`; "" otherwise."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def attribute_chain_has(expr: ast.expr, names: frozenset[str], depth: int = _CHAIN_DEPTH
                        ) -> bool:
    """Whether an attribute named in `names` occurs in the chain of attributes and calls that
    ends in `expr` (`Model._meta.db_table`, `connection.ops.quote_name(x)`)."""
    current = expr
    for _ in range(depth):
        if isinstance(current, ast.Call):
            current = current.func
        elif isinstance(current, ast.Attribute):
            if current.attr in names:
                return True
            current = current.value
        else:
            return False
    return False
