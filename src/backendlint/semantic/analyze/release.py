"""How a resource bound in a function is released: used as a context manager, closed in a
`finally`, closed on the normal path only, returned or yielded to the caller, or handed to
something else that keeps it. Answers for one function node, asked only for the few values a
rule has found to be resources (a session, a client), so the walk over the function's body is
paid rarely."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from backendlint.semantic.analyze.arguments import FunctionNode

_CLOSERS = frozenset({"close", "aclose", "dispose", "shutdown"})
# Context-manager registries: a value entered there is closed when the stack closes.
_ENTERS = frozenset({"enter_context", "enter_async_context"})
# Methods that store their argument somewhere that outlives the call.
_KEEPERS = frozenset({"set", "append", "register", "push", "put", "setdefault", "add",
                      "callback", "push_async_callback", "add_task"})
_CLOSING = frozenset({"closing", "aclosing"})


@dataclass
class Release:
    managed: bool = False  # `with x:`, `closing(x)`, `stack.enter_context(x)`
    closed_in_finally: bool = False
    closed_elsewhere: bool = False
    deferred_close: bool = False  # `x.close` passed on (`add_task(db.close)`)
    returned: bool = False
    yielded: bool = False
    handed: bool = False  # stored in an attribute or container, or returned inside another

    @property
    def always_released(self) -> bool:
        return self.managed or self.closed_in_finally or self.deferred_close


def _text(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, (ast.Name, ast.Attribute)):
        return ast.unparse(node)
    return None


def _mentions(node: ast.AST, name: str) -> bool:
    return any(_text(child) == name for child in ast.walk(node))


def _finally_nodes(function: FunctionNode) -> set[int]:
    inside: set[int] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            for statement in getattr(node, "finalbody", []):
                inside.update(id(child) for child in ast.walk(statement))
    return inside


def release_of(function: FunctionNode, name: str) -> Release:
    """How `name` (a local, or an attribute path such as `request.state.db`) is released in
    `function`."""
    found = Release()
    in_finally = _finally_nodes(function)
    for node in ast.walk(function):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            if any(_text(item.context_expr) == name for item in node.items):
                found.managed = True
        elif isinstance(node, ast.Call):
            _call(node, name, found, id(node) in in_finally)
        elif isinstance(node, ast.Attribute) and node.attr in _CLOSERS \
                and _text(node.value) == name and not isinstance(node.ctx, ast.Store):
            # A bound `x.close` that is not called here is passed on to be called later;
            # calls are counted in `_call` (the Attribute is visited as their func too).
            found.deferred_close = found.deferred_close or _passed_on(function, node)
        elif isinstance(node, ast.Return) and node.value is not None:
            if _text(node.value) == name:
                found.returned = True
            elif _mentions(node.value, name) and not _only_used_through(node.value, name):
                found.handed = True
        elif isinstance(node, (ast.Yield, ast.YieldFrom)) and node.value is not None:
            if _text(node.value) == name:
                found.yielded = True
            elif _mentions(node.value, name) and not _only_used_through(node.value, name):
                found.handed = True
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if _text(node.value) == name and any(
                    not isinstance(target, ast.Name) for target in targets):
                found.handed = True  # `self.db = db`, `g.db = db`, `cache["db"] = db`
    return found


def _call(node: ast.Call, name: str, found: Release, in_finally: bool) -> None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _CLOSERS and _text(func.value) == name:
        if in_finally:
            found.closed_in_finally = True
        else:
            found.closed_elsewhere = True
        return
    arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
    if not any(_text(argument) == name for argument in arguments):
        return
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if called in _CLOSING or called in _ENTERS:
        found.managed = True
    elif called in _KEEPERS:
        found.handed = True


def _passed_on(function: FunctionNode, attribute: ast.Attribute) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and node.func is attribute:
            return False
    return True


def _only_used_through(expr: ast.expr, name: str) -> bool:
    """`return db.query(User).all()`: the value only reaches the expression through its own
    methods and attributes, so the expression does not carry it away."""
    receivers = {id(node.value) for node in ast.walk(expr) if isinstance(node, ast.Attribute)}
    return all(id(node) in receivers for node in ast.walk(expr) if _text(node) == name)
