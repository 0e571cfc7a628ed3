"""Where a type-hint finding and its fix go in the source text: the function's name on its
`def` line, the `)` that closes the parameter list, the end of a parameter's name."""

from __future__ import annotations

import ast
import re
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.core.facts import Span
from backendlint.core.findings import Edit
from backendlint.semantic.analyze.arguments import FunctionNode

# One compiled pattern for every function (a pattern per name meant a regex compile per def).
_DEF_NAME = re.compile(r"\bdef\s+(\w+)")


def name_span(ctx: FileContext, node: FunctionNode) -> Span:
    """The function's name on its `def` line, where a noqa comment applies."""
    line = node.lineno
    text = ctx.source.line(line)
    match = None
    for found in _DEF_NAME.finditer(text):
        if found.group(1) == node.name:
            match = found
            break
    start = match.start(1) if match else ctx.source.char_column(line, node.col_offset)
    end = match.end(1) if match else start
    return Span(line, start + 1, line, end + 1, (line,))


def span_with_def_line(ctx: FileContext, node: ast.AST, function: FunctionNode) -> Span:
    """A parameter's place; a noqa comment on the `def` line applies to it too."""
    found = ctx.location(node)
    return Span(found["line"], found["column"], found["end_line"], found["end_column"],
                tuple(sorted({*found["noqa"], function.lineno})))


def _after_name(ctx: FileContext, node: FunctionNode) -> Optional[tuple[int, int]]:
    span = name_span(ctx, node)
    if span.end_column == span.column:
        return None
    return span.line, span.end_column - 1


def node_end(ctx: FileContext, node: ast.AST) -> tuple[int, int]:
    """(line, 0-based character column) just after a node."""
    end_line: Optional[int] = getattr(node, "end_lineno", None)
    line = end_line if end_line is not None else int(getattr(node, "lineno", 1))
    end_column: Optional[int] = getattr(node, "end_col_offset", None)
    column = end_column if end_column is not None else 0
    return line, ctx.source.char_column(line, column)


def parameter_list_end(ctx: FileContext, node: FunctionNode) -> Optional[tuple[int, int]]:
    """(line, 0-based column) just after the `)` that closes the parameter list.

    Scans forward from the last parameter (or the name) over what may legally sit between it
    and the colon: spaces, commas, `/`, comments, line continuations and the closing parens of
    a parenthesised default. The last `)` before the `:` is the list's own.
    """
    args = node.args
    pieces: list[ast.AST] = [*args.posonlyargs, *args.args, *args.kwonlyargs, *args.defaults,
                             *(d for d in args.kw_defaults if d is not None)]
    pieces += [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    if pieces:
        start: Optional[tuple[int, int]] = max(node_end(ctx, piece) for piece in pieces)
        need_open = False
    else:
        start = _after_name(ctx, node)
        need_open = True
    if start is None:
        return None
    return _scan_to_close(ctx, start, need_open)


def _scan_to_close(ctx: FileContext, start: tuple[int, int], need_open: bool
                   ) -> Optional[tuple[int, int]]:
    line, column = start
    last_close: Optional[tuple[int, int]] = None
    lines = ctx.source.lines
    while line <= len(lines):
        text = lines[line - 1]
        if column >= len(text) or text[column] == "#":
            line, column = line + 1, 0
            continue
        char = text[column]
        if char == "(" and need_open:
            need_open = False
        elif char == ")" and not need_open:
            last_close = (line, column + 1)
        elif char in ":-":
            return last_close
        elif char not in " \t\f\\,/":
            return None
        column += 1
    return None


def return_annotation_edit(ctx: FileContext, node: FunctionNode, text: str) -> Optional[Edit]:
    """` -> text` after the parameter list, or None when its end cannot be found."""
    end = parameter_list_end(ctx, node)
    if end is None:
        return None
    line, column = end
    return Edit(line, column + 1, line, column + 1, f" -> {text}")


def parameter_annotation_edits(ctx: FileContext, arg: ast.arg, default: Optional[ast.expr],
                               text: str) -> list[Edit]:
    """`retries=3` becomes `retries: int = 3`, spaced as PEP 8 asks; `x` becomes `x: text`."""
    line, column = node_end(ctx, arg)
    if default is not None:
        default_line = getattr(default, "lineno", 0)
        default_column = ctx.source.char_column(default_line, default.col_offset)
        between = ctx.source.line(line)[column:default_column]
        if default_line == line and between.strip() == "=":
            return [Edit(line, column + 1, line, default_column + 1, f": {text} = ")]
    return [Edit(line, column + 1, line, column + 1, f": {text}")]
