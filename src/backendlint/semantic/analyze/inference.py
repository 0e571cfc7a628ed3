"""Types evident from an expression's form (a literal, a display, a builtin constructor, a
comparison), and how to spell a union of them for a given Python version."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from backendlint.knowledge.python_types import (
    BOOL_ONLY_COMPARISONS,
    BUILTIN_CONSTRUCTORS,
    CONSTANT_TYPES,
    CONTAINER_TYPES,
)
from backendlint.semantic.model import SemanticModel


@dataclass(frozen=True)
class Inferred:
    """A type written as it goes into an annotation, and whether we are sure of it."""

    text: str
    safe: bool = True


def infer_expression(semantic: SemanticModel, expr: Optional[ast.expr]) -> Optional[Inferred]:
    """The type of a returned expression when it is evident from its form; None when unknown."""
    if expr is None:
        return Inferred("None")
    if isinstance(expr, ast.Constant):
        return constant_type(expr.value)
    if isinstance(expr, ast.UnaryOp):
        return _unary_type(expr)
    if isinstance(expr, ast.Compare):
        return Inferred("bool", safe=all(isinstance(op, BOOL_ONLY_COMPARISONS)
                                         for op in expr.ops))
    container = CONTAINER_TYPES.get(type(expr))
    if container is not None:
        return Inferred(container)
    if isinstance(expr, ast.Call):
        # Resolved through the model so that a shadowed `str` or `dict` is not trusted.
        constructor = BUILTIN_CONSTRUCTORS.get(semantic.qualified_name(expr.func) or "")
        return Inferred(constructor) if constructor else None
    return None


def constant_type(value: object) -> Optional[Inferred]:
    """The type of a literal value (`None` for None)."""
    if value is None:
        return Inferred("None")
    for python_type, text in CONSTANT_TYPES:
        if isinstance(value, python_type):
            return Inferred(text)
    return None


def _unary_type(expr: ast.UnaryOp) -> Optional[Inferred]:
    if isinstance(expr.op, ast.Not):
        return Inferred("bool")
    operand = expr.operand
    if (isinstance(expr.op, (ast.USub, ast.UAdd)) and isinstance(operand, ast.Constant)
            and type(operand.value) in (int, float)):
        return Inferred(type(operand.value).__name__)
    return None


def literal_default_type(default: Optional[ast.expr]) -> Optional[Inferred]:
    """`retries=3`, `name="x"`, `flag=False`, `ratio=0.5`, `b"x"`; not None, not containers.
    An int default is unsafe: callers often pass floats (`timeout=5` then `timeout=2.5`)."""
    if default is None:
        return None
    if isinstance(default, ast.UnaryOp) and isinstance(default.op, (ast.USub, ast.UAdd)):
        default = default.operand
        if not (isinstance(default, ast.Constant) and type(default.value) in (int, float)):
            return None
    if not isinstance(default, ast.Constant) or default.value is None:
        return None
    inferred = constant_type(default.value)
    if inferred is None:
        return None
    return Inferred(inferred.text, safe=inferred.text != "int")


def spell_union(types: list[str], target: tuple[int, int]) -> tuple[str, tuple[str, ...]]:
    """An annotation for these types (None last) for the project's minimum Python, and the
    `typing` names it needs."""
    ordered = [t for t in dict.fromkeys(types) if t != "None"]
    has_none = "None" in types
    if not ordered:
        return "None", ()
    if len(ordered) == 1 and not has_none:
        return ordered[0], ()
    if target >= (3, 10):
        return " | ".join(ordered + (["None"] if has_none else [])), ()
    if len(ordered) == 1:
        return f"Optional[{ordered[0]}]", ("Optional",)
    members = ordered + (["None"] if has_none else [])
    return f"Union[{', '.join(members)}]", ("Union",)


def literal_repr_type(text: str) -> Optional[str]:
    """The type of a literal written as its repr (`'True'`, `"'x'"`, `'None'`), as call sites
    in the project index keep constant arguments; None when it is not a plain literal."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    inferred = constant_type(value)
    return inferred.text if inferred is not None else None


def accepts(annotation: str, passed: str) -> bool:
    """Whether a value of builtin type `passed` fits a parameter annotated `annotation` (one
    builtin name): the same type, or an int or bool where a float (or an int) is expected."""
    if annotation == passed:
        return True
    return (annotation == "float" and passed in ("int", "bool")) or (
        annotation == "int" and passed == "bool")
