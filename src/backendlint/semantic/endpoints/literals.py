"""Small readings of AST nodes the endpoint collector makes everywhere: literal strings,
a call's name, the class a value loads, where a definition starts."""

from __future__ import annotations

import ast
from typing import Optional, Union

from backendlint.core.context import FileContext
from backendlint.core.facts import Span
from backendlint.semantic.analyze.arguments import (
    FunctionNode,
)


def literal_string(node: Optional[ast.AST]) -> Optional[str]:
    """A string literal written in place (no name is followed)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def literal_strings(node: Optional[ast.AST]) -> Optional[list[str]]:
    """A literal list/tuple/set of string literals; None when it is anything else."""
    if not isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return None
    values = [literal_string(element) for element in node.elts]
    if any(value is None for value in values):
        return None
    return [value for value in values if value is not None]


def strip_call(qualified: Optional[str]) -> Optional[str]:
    """`pkg.Factory()` (what the model calls a call's result) → `pkg.Factory`."""
    if qualified and qualified.endswith("()"):
        return qualified[:-2]
    return qualified


def loaded_class(value: Optional[ast.expr]) -> Optional[str]:
    """`get_class("customer.views", "AccountAuthView")`, `load_class(module, name)`: a
    class named by its module and name (two string literals to a loader)."""
    if not (isinstance(value, ast.Call) and len(value.args) == 2 and not value.keywords):
        return None
    func = value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if not any(word in name.lower() for word in ("class", "load", "import")):
        return None
    module, cls = literal_string(value.args[0]), literal_string(value.args[1])
    return f"{module}.{cls}" if module and cls else None


def called_name(func: ast.expr) -> Optional[str]:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def loaded_from_list(statement: ast.AST, name: str) -> Optional[str]:
    """`A, B = get_classes("customer.mixins", ["A", "B"])`: the class bound to `name`."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Tuple)
            and isinstance(statement.value, ast.Call) and len(statement.value.args) == 2):
        return None
    module = literal_string(statement.value.args[0])
    names = literal_strings(statement.value.args[1])
    targets = [t.id if isinstance(t, ast.Name) else "" for t in statement.targets[0].elts]
    if module is None or names is None or name not in targets or len(names) != len(targets):
        return None
    return f"{module}.{names[targets.index(name)]}"


def def_keyword(node: ast.AST) -> str:
    if isinstance(node, ast.AsyncFunctionDef):
        return "async def "
    if isinstance(node, ast.ClassDef):
        return "class "
    return "def "


def definition_span(ctx: FileContext, node: Union[FunctionNode, ast.ClassDef]) -> Span:
    """The `def name` / `class Name` span, with every decorator line as a noqa line."""
    span = ctx.span(node)
    lines = set(span.noqa) | {node.lineno}
    for decorator in node.decorator_list:
        lines.update(range(decorator.lineno, (decorator.end_lineno or decorator.lineno) + 1))
    return Span(span.line, span.column, span.line,
                span.column + len(def_keyword(node)) + len(node.name), tuple(sorted(lines)))
