"""Finding a call's arguments and a function's parameters."""

from __future__ import annotations

import ast
from typing import Optional, Union

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


def keyword_argument(call: ast.Call, name: str) -> Optional[ast.expr]:
    """The value passed as `name=...`, if written explicitly."""
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def call_argument(call: ast.Call, index: Optional[int], keyword: str) -> Optional[ast.expr]:
    """The argument bound to a parameter that is `index`-th positionally or named `keyword`.
    A keyword wins (Python rejects both); a `*args` at that position is unknown: None."""
    found = keyword_argument(call, keyword)
    if found is not None:
        return found
    if index is not None and index < len(call.args):
        argument = call.args[index]
        return None if isinstance(argument, ast.Starred) else argument
    return None


def has_keyword_splat(call: ast.Call) -> bool:
    """`f(**options)`: any keyword may be set, so a missing keyword proves nothing."""
    return any(keyword.arg is None for keyword in call.keywords)


def keyword_is_constant(call: Optional[ast.Call], name: str, value: object) -> bool:
    """`name=value` with a literal `value` (`verify=False`, `debug=True`)."""
    if call is None:
        return False
    found = keyword_argument(call, name)
    return isinstance(found, ast.Constant) and found.value is value


def named_parameters(args: ast.arguments) -> list[ast.arg]:
    """Positional-only, regular and keyword-only parameters (not `*args` / `**kwargs`)."""
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def parameters_with_defaults(node: FunctionNode) -> list[tuple[ast.arg, Optional[ast.expr]]]:
    """Every named parameter with its default (None when it has none)."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    padding: list[Optional[ast.expr]] = [None] * (len(positional) - len(args.defaults))
    pairs = list(zip(positional, [*padding, *args.defaults]))
    pairs.extend(zip(args.kwonlyargs, args.kw_defaults))
    return pairs


def every_parameter_with_default(node: FunctionNode
                                 ) -> list[tuple[ast.arg, Optional[ast.expr]]]:
    """Every parameter in the order of the signature, `*args` and `**kwargs` included (these
    never have a default), with its default (None when it has none)."""
    args = node.args
    named = parameters_with_defaults(node)
    cut = len(args.posonlyargs) + len(args.args)
    star = [(args.vararg, None)] if args.vararg is not None else []
    double_star = [(args.kwarg, None)] if args.kwarg is not None else []
    return [*named[:cut], *star, *named[cut:], *double_star]
