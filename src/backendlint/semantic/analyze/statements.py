"""Statements nested in a definition, found without visiting expressions."""

from __future__ import annotations

import ast
from collections.abc import Iterator

# The fields that hold blocks of statements (an except clause's and a match case's too).
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def nested_statements(node: ast.AST) -> Iterator[ast.stmt]:
    """Every statement inside `node` at any depth (nested functions and classes included):
    what `ast.walk` yields of statement kinds, without walking each statement's
    expressions (a tenth of the nodes in typical code)."""
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        for name in _BLOCKS:
            block = getattr(current, name, None)
            if not isinstance(block, list):
                continue
            for child in block:
                if isinstance(child, ast.stmt):
                    yield child
                stack.append(child)
