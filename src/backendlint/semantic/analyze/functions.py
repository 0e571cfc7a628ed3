"""What a function definition says about itself: its decorators, whether it is annotated,
whether its body is only a stub, whether every path through it leaves by return or raise."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.semantic.analyze.arguments import FunctionNode
from backendlint.semantic.model import SemanticModel


def decorator_names(semantic: SemanticModel, node: FunctionNode) -> list[Optional[str]]:
    """The qualified name of each decorator (of the called function for `@d(...)`), None
    where it does not resolve."""
    names: list[Optional[str]] = []
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.append(semantic.qualified_name(target))
    return names


def is_property_accessor(decorator: ast.expr) -> bool:
    """`@name.setter` / `.getter` / `.deleter` of a property defined above."""
    return (isinstance(decorator, ast.Attribute)
            and decorator.attr in ("setter", "getter", "deleter")
            and isinstance(decorator.value, ast.Name))


def has_annotation(node: FunctionNode) -> bool:
    """Whether the return or any parameter (also `*args`/`**kwargs`) is annotated."""
    args = node.args
    every = (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
    return node.returns is not None or any(
        arg is not None and arg.annotation is not None for arg in every)


def strip_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        return body[1:]
    return body


def is_stub_body(body: list[ast.stmt]) -> bool:
    """Only a docstring, `...`, or `raise NotImplementedError`: an interface, not an
    implementation, so its return type cannot be read from the body."""
    rest = strip_docstring(body)
    if not rest:
        return True
    if len(rest) != 1:
        return False
    only = rest[0]
    if isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant):
        return only.value.value is Ellipsis
    if isinstance(only, ast.Raise) and only.exc is not None:
        exc = only.exc.func if isinstance(only.exc, ast.Call) else only.exc
        return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
    return False


def always_exits(body: list[ast.stmt], raise_counts: bool = True) -> bool:
    """Whether every path through these statements ends in `return` or `raise`. Conservative:
    loops, `match` and anything unusual count as possibly falling through. Inside `with`, a
    raise may be swallowed by the context manager, so only returns count there."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ast.Return):
        return True
    if isinstance(last, ast.Raise):
        return raise_counts
    if isinstance(last, ast.If):
        return always_exits(last.body, raise_counts) and always_exits(last.orelse, raise_counts)
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return always_exits(last.body, raise_counts=False)
    if isinstance(last, ast.Try):
        if always_exits(last.finalbody, raise_counts):
            return True
        main = always_exits(last.body, raise_counts) or always_exits(last.orelse, raise_counts)
        return main and all(always_exits(handler.body, raise_counts)
                            for handler in last.handlers)
    return False


def _defines_function(statements: list[ast.stmt], name: str) -> bool:
    for statement in statements:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and statement.name == name:
            return True
        if isinstance(statement, ast.If) and (_defines_function(statement.body, name)
                                              or _defines_function(statement.orelse, name)):
            return True
        if isinstance(statement, ast.Try) and any(
                _defines_function(branch, name) for branch in _try_branches(statement)):
            return True
    return False


def _try_branches(statement: ast.Try) -> list[list[ast.stmt]]:
    return [statement.body, *(handler.body for handler in statement.handlers),
            statement.orelse, statement.finalbody]


def has_conditional_variant(parent: ast.stmt, node: FunctionNode) -> bool:
    """Whether `node`, defined directly in a branch of `parent` (an `if` or a `try`), has a
    namesake in another branch: mypy then requires both variants to have identical
    signatures (`if sys.version_info ...: def f(...)` / `else: def f(...)`)."""
    if isinstance(parent, ast.If):
        branches = [parent.body, parent.orelse]
    elif isinstance(parent, ast.Try):
        branches = _try_branches(parent)
    else:
        return False
    return any(node not in branch and _defines_function(branch, node.name)
               for branch in branches)
