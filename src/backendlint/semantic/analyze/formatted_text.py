"""Strings built at run time: f-strings, `str.format`, `%` and `+`, and what goes into them."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class FormattedText:
    """A string built from literal pieces and interpolated values."""

    literal: str  # the literal pieces, joined
    values: tuple[ast.expr, ...]  # what is interpolated


def formatted_text(expr: Optional[ast.expr]) -> Optional[FormattedText]:
    """The pieces of `f"<p>{x}</p>"`, `"<p>{}</p>".format(x)`, `"<p>%s</p>" % x` and
    `"<p>" + x + "</p>"`; None when the expression is not a string built that way."""
    if isinstance(expr, ast.JoinedStr):
        literal: list[str] = []
        values: list[ast.expr] = []
        for part in expr.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                literal.append(part.value)
            elif isinstance(part, ast.FormattedValue):
                values.append(part.value)
        return FormattedText("".join(literal), tuple(values)) if values else None
    if (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
            and expr.func.attr == "format" and isinstance(expr.func.value, ast.Constant)
            and isinstance(expr.func.value.value, str)):
        parts = [*expr.args, *(keyword.value for keyword in expr.keywords)]
        return FormattedText(expr.func.value.value, tuple(parts)) if parts else None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod) and isinstance(
            expr.left, ast.Constant) and isinstance(expr.left.value, str):
        right = expr.right
        items = (right.elts if isinstance(right, ast.Tuple)
                 else list(right.values) if isinstance(right, ast.Dict) else [right])
        values_mod = tuple(item for item in items if item is not None)
        return FormattedText(expr.left.value, values_mod) if values_mod else None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        pieces = _concatenation(expr)
        literal_parts = [piece.value for piece in pieces
                         if isinstance(piece, ast.Constant) and isinstance(piece.value, str)]
        others = tuple(piece for piece in pieces if not (
            isinstance(piece, ast.Constant) and isinstance(piece.value, str)))
        nested = [formatted_text(piece) for piece in others]
        literal_parts.extend(found.literal for found in nested if found is not None)
        if not literal_parts or not others:
            return None
        return FormattedText("".join(literal_parts), others)
    return None


def _concatenation(expr: ast.expr) -> list[ast.expr]:
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return [*_concatenation(expr.left), *_concatenation(expr.right)]
    return [expr]


def looks_like_html(text: str) -> bool:
    """Whether literal text has a tag in it (`<p>`, `</a>`, `<br/>`)."""
    index = text.find("<")
    while index != -1:
        following = text[index + 1:index + 2]
        if following.isalpha() or following in ("/", "!"):
            return True
        index = text.find("<", index + 1)
    return False
