"""What a function checked about a value before it used it.

`if not isinstance(limit, int) or limit <= 0: raise ValueError(...)` proves `limit` is a
number on the lines after it; `if not re.fullmatch(r"[A-Za-z0-9_]+", key): raise ...`,
`if not key.isidentifier(): continue` and `assert name.isalnum()` prove it is a plain word
(letters, digits, `_`, `-`, `$`: nothing that can close a quote or start a clause). So does an
`if` whose body holds the use: `if isinstance(n, int): sql = f"... LIMIT {n}"`.

A guard counts only on the path to the use: in the same block or one enclosing it, before the
statement that holds the use, with a body that leaves that path (`raise`, `return`,
`continue`, `break`). The value is matched by its spelling (`filter_item.key`, `self.name`);
a reassignment between the guard and the use is not looked for.
"""

from __future__ import annotations

import ast
import re
from typing import Optional, Union

NUMBER = "number"
WORD = "word"

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]

_NUMBER_TYPES = frozenset({"int", "float", "bool", "Decimal"})
_NUMBER_METHODS = frozenset({"isdigit", "isdecimal", "isnumeric"})
_WORD_METHODS = frozenset({"isidentifier", "isalnum", "isalpha"})
_REGEX_FUNCTIONS = frozenset({"match", "fullmatch", "search"})
# One character class repeated, made of letters, digits and `_ - $` (ranges or escapes).
_WORD_CLASS = re.compile(r"\[(?:a-z|A-Z|0-9|\\w|\\d|[A-Za-z0-9_$]|\\?-)+\](?:[+*]|\{\d*,?\d*\})")


def guarded_kind(function: FunctionNode, expr: ast.expr) -> Optional[str]:
    """NUMBER or WORD when a check earlier in `function` proves it of `expr` where `expr`
    is used, else None."""
    line = getattr(expr, "lineno", None)
    if line is None or not (function.lineno <= line <= (function.end_lineno or line)):
        return None
    target = ast.dump(expr)
    block: list[ast.stmt] = function.body
    while block:
        holder: Optional[ast.stmt] = None
        for statement in block:
            if statement.lineno <= line <= (statement.end_lineno or statement.lineno):
                holder = statement
                break
            kind = _guard(statement, target)
            if kind is not None:
                return kind
        if holder is None or isinstance(holder, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                 ast.ClassDef, ast.Lambda)):
            return None
        if isinstance(holder, ast.If):
            inside = _contains(holder.body, line)
            kind = _proves(holder.test, target, positive=inside) if (
                inside or _contains(holder.orelse, line)) else None
            if kind is not None:
                return kind
        block = _child_block(holder, line)
    return None


def _contains(block: list[ast.stmt], line: int) -> bool:
    return any(s.lineno <= line <= (s.end_lineno or s.lineno) for s in block)


def _child_block(statement: ast.stmt, line: int) -> list[ast.stmt]:
    blocks: list[list[ast.stmt]] = []
    for field in ("body", "orelse", "finalbody"):
        value = getattr(statement, field, None)
        if isinstance(value, list):
            blocks.append(value)
    for handler in getattr(statement, "handlers", []) or []:
        blocks.append(handler.body)
    for case in getattr(statement, "cases", []) or []:
        blocks.append(case.body)
    for candidate in blocks:
        if _contains(candidate, line):
            return candidate
    return []


def _leaves(block: list[ast.stmt]) -> bool:
    return bool(block) and isinstance(block[-1], (ast.Raise, ast.Return, ast.Continue,
                                                  ast.Break))


def _guard(statement: ast.stmt, target: str) -> Optional[str]:
    if isinstance(statement, ast.Assert):
        return _proves(statement.test, target, positive=True)
    if isinstance(statement, ast.If) and _leaves(statement.body) and not statement.orelse:
        return _proves(statement.test, target, positive=False)
    return None


def _proves(test: ast.expr, target: str, positive: bool) -> Optional[str]:
    """What holds about the target when `test` is true (positive) or false."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _proves(test.operand, target, not positive)
    if isinstance(test, ast.BoolOp):
        # `A and B` true: both hold; `A or B` false: neither holds.
        if isinstance(test.op, ast.And) == positive:
            for value in test.values:
                kind = _proves(value, target, positive)
                if kind is not None:
                    return kind
        return None
    return _check(test, target) if positive else None


def _check(test: ast.expr, target: str) -> Optional[str]:
    if not isinstance(test, ast.Call):
        return None
    func = test.func
    name = func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else "")
    if name == "isinstance" and len(test.args) == 2 and ast.dump(test.args[0]) == target:
        kinds = test.args[1].elts if isinstance(test.args[1], ast.Tuple) else [test.args[1]]
        if kinds and all(_type_name(kind) in _NUMBER_TYPES for kind in kinds):
            return NUMBER
        return None
    if isinstance(func, ast.Attribute) and not test.args and ast.dump(func.value) == target:
        if name in _NUMBER_METHODS:
            return NUMBER
        if name in _WORD_METHODS:
            return WORD
        return None
    if name in _REGEX_FUNCTIONS and isinstance(func, ast.Attribute) and \
            _is_name(func.value, "re") and len(test.args) >= 2 and \
            ast.dump(test.args[1]) == target:
        return _word_pattern(test.args[0], name)
    return None


def _type_name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return ""


def _is_name(expr: ast.expr, name: str) -> bool:
    return isinstance(expr, ast.Name) and expr.id == name


def _word_pattern(pattern: ast.expr, function: str) -> Optional[str]:
    """A constant pattern that only lets a word through the whole string."""
    if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
        return None
    text = pattern.value
    starts = text.startswith(("^", r"\A"))
    ends = text.endswith(("$", r"\Z"))
    if function != "fullmatch" and not ends:
        return None
    if function == "search" and not starts:
        return None
    body = text.removeprefix("^").removeprefix(r"\A")
    body = body.removesuffix("$").removesuffix(r"\Z")
    return WORD if _WORD_CLASS.fullmatch(body) else None
