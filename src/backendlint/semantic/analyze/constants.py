"""Constant values of expressions, directly or through names bound to constants."""

from __future__ import annotations

import ast
from typing import Optional, Union

from backendlint.semantic.model import SemanticModel

_MAX_DEPTH = 8
_CONSTANT_BINDINGS = ("assign", "annassign")


def _bound_value(semantic: SemanticModel, name: ast.Name) -> Optional[ast.expr]:
    binding = semantic.lookup(name.id)
    if binding is not None and binding.kind in _CONSTANT_BINDINGS:
        return binding.value
    return None


def constant_str(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0
                 ) -> Optional[str]:
    """A string literal, directly or through a simple name (`METHOD = "md5"`)."""
    if expr is None or depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.Name):
        return constant_str(semantic, _bound_value(semantic, expr), depth + 1)
    return None


def constant_bool(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0
                  ) -> Optional[bool]:
    """`True`/`False`, directly or through a name bound to one."""
    if expr is None or depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, bool):
        return expr.value
    if isinstance(expr, ast.Name):
        return constant_bool(semantic, _bound_value(semantic, expr), depth + 1)
    return None


def constant_int(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0
                 ) -> Optional[int]:
    """An integer literal or a foldable constant expression (`2**17`, `100_000 * 6`), directly
    or through module-level and local names."""
    if expr is None or depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant):
        value = expr.value
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
        operand = constant_int(semantic, expr.operand, depth + 1)
        return -operand if operand is not None else None
    if isinstance(expr, ast.BinOp):
        return _fold(expr.op, constant_int(semantic, expr.left, depth + 1),
                     constant_int(semantic, expr.right, depth + 1))
    if isinstance(expr, ast.Name):
        return constant_int(semantic, _bound_value(semantic, expr), depth + 1)
    return None


def _fold(op: ast.operator, left: Optional[int], right: Optional[int]) -> Optional[int]:
    if left is None or right is None:
        return None
    if isinstance(op, ast.Add):
        return left + right
    if isinstance(op, ast.Sub):
        return left - right
    if isinstance(op, ast.Mult):
        return left * right
    # Bounded so that a hostile `10**10**10` cannot stall the linter.
    if isinstance(op, ast.Pow) and 0 <= right <= 64 and abs(left) <= 1 << 20:
        return int(left ** right)
    if isinstance(op, ast.LShift) and 0 <= right <= 64:
        return left << right
    if isinstance(op, ast.FloorDiv) and right:
        return left // right
    return None


def string_items(semantic: SemanticModel, expr: Optional[ast.expr]) -> Optional[list[str]]:
    """`["bcrypt", "md5_crypt"]`, `("a", "b")` or a comma-separated `"bcrypt, md5_crypt"`."""
    if isinstance(expr, ast.Name):
        expr = _bound_value(semantic, expr)
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        items = [constant_str(semantic, element) for element in expr.elts]
        return [item for item in items if item is not None]
    text = constant_str(semantic, expr)
    if text is not None:
        return [part.strip() for part in text.split(",") if part.strip()]
    return None


def may_be_constant(semantic: SemanticModel, expr: Optional[ast.expr], value: object,
                    depth: int = 0) -> bool:
    """Whether an expression can evaluate to the literal `value` on some path: the literal
    itself, a fallback (`settings.cert or False`), a branch of `a if c else False`, through
    simple names and `self.<attr>` assignments."""
    if expr is None or depth > _MAX_DEPTH:
        return False
    if isinstance(expr, ast.Constant):
        return expr.value is value
    if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or) and expr.values:
        return may_be_constant(semantic, expr.values[-1], value, depth + 1)
    if isinstance(expr, ast.IfExp):
        return (may_be_constant(semantic, expr.body, value, depth + 1)
                or may_be_constant(semantic, expr.orelse, value, depth + 1))
    if isinstance(expr, ast.Name):
        return may_be_constant(semantic, _bound_value(semantic, expr), value, depth + 1)
    if isinstance(expr, ast.Attribute):
        return any(may_be_constant(semantic, binding.value, value, depth + 1)
                   for binding in semantic.self_attribute_bindings(expr)
                   if binding.value is not None)
    return False
ConstValue = Optional[Union[bool, int, float, str]]


def literal_value(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0
                  ) -> tuple[bool, ConstValue]:
    """(True, value) for a plain literal (`True`, `0`, `"x"`, `None`, `-1`), directly or
    through a name bound to one; (False, None) otherwise."""
    if expr is None or depth > _MAX_DEPTH:
        return False, None
    if isinstance(expr, ast.Constant) and (expr.value is None or isinstance(
            expr.value, (bool, int, float, str))):
        return True, expr.value
    if (isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub)
            and isinstance(expr.operand, ast.Constant)
            and type(expr.operand.value) in (int, float)):
        value = expr.operand.value
        assert isinstance(value, (int, float))
        return True, -value
    if isinstance(expr, ast.Name) and expr.id != "_":
        return literal_value(semantic, _bound_value(semantic, expr), depth + 1)
    return False, None
