"""What an `except` clause catches, and whether an expression carries an exception's text
(`str(e)`, `repr(e)`, `f"{e}"`, `e.args`, `traceback.format_exc()`), through local
variables and formatting, with branches gated on a debug flag left out."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Optional

from backendlint.knowledge.logging_apis import (
    EXCEPTION_TEXT_ATTRIBUTES,
    FORMATTING_BUILTINS,
    TRACEBACK_TEXT_CALLS,
)
from backendlint.semantic.analyze.identifiers import components
from backendlint.semantic.model import SemanticModel

_MAX_DEPTH = 10
# What a bare `except:` and the broad classes resolve to.
BROAD_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})
_FORMAT_METHODS = frozenset({"format", "join", "encode", "decode", "strip", "lower", "upper",
                             "replace", "split", "splitlines", "__str__", "__repr__"})


def caught_types(semantic: SemanticModel, handler: ast.ExceptHandler) -> list[Optional[str]]:
    """The qualified name of each class an `except` clause catches; `builtins.BaseException`
    for a bare `except:`; None for a class that does not resolve."""
    if handler.type is None:
        return ["builtins.BaseException"]
    elements = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return [semantic.qualified_name(element) for element in elements]


def catches_broadly(semantic: SemanticModel, handler: ast.ExceptHandler) -> bool:
    """`except:`, `except Exception:`, `except BaseException:` (also inside a tuple)."""
    return any(name in BROAD_EXCEPTIONS for name in caught_types(semantic, handler))


def mentions_debug(test: ast.expr) -> bool:
    """Whether a condition reads a debug flag: `settings.DEBUG`, `app.debug`,
    `current_app.config["DEBUG"]`, `os.getenv("DEBUG")`, `is_debug`."""
    for node in ast.walk(test):
        name: Optional[str] = None
        if isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value
        if name is not None and ("debug" in components(name) or name.lower() == "debug"):
            return True
    return False


def _negated(test: ast.expr) -> bool:
    return isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)


def debug_gated(statements: list[ast.stmt], node: ast.AST) -> bool:
    """Whether `node` (the innermost of `statements`, the enclosing statements outermost
    first) only runs when a debug flag is on: inside `if settings.DEBUG:` or in the `else`
    of `if not DEBUG:`."""
    for index, statement in enumerate(statements):
        if not isinstance(statement, ast.If) or not mentions_debug(statement.test):
            continue
        inner = statements[index + 1] if index + 1 < len(statements) else node
        in_body = any(child is inner for child in statement.body)
        if in_body != _negated(statement.test):
            return True
    return False


class ExceptionText:
    """Finds exception text in expressions of one function. `is_exception(name)` says whether
    a name holds an exception whose text should not leave (the caller decides which classes
    count); `values(name)` gives the expressions a local name was assigned."""

    def __init__(self, semantic: SemanticModel, is_exception: Callable[[ast.Name], bool],
                 values: Optional[Callable[[ast.Name], list[ast.expr]]] = None,
                 through_calls: bool = False,
                 checked_elsewhere: Optional[Callable[[ast.Call], bool]] = None) -> None:
        self.semantic = semantic
        # Whether formatted text passed to any call counts (`return send_error(str(e))` in
        # an endpoint: what a call in the return value is given ends up in the response).
        self.through_calls = through_calls
        # Calls whose arguments the caller checks itself (not looked into).
        self.checked_elsewhere = checked_elsewhere
        self.is_exception = is_exception
        # Kept as given (no bound method of self: the engine runs with the cyclic collector
        # off, and `self.values = self._local_values` would be a cycle).
        self._values = values

    def values(self, name: ast.Name) -> list[ast.expr]:
        if self._values is not None:
            return self._values(name)
        return [binding.value for binding in self.semantic.bindings(name.id)
                if binding.kind in ("assign", "annassign", "augassign")
                and binding.value is not None]

    def find(self, expr: Optional[ast.expr]) -> Optional[ast.expr]:
        """The node that puts exception text into `expr` (None when there is none)."""
        if expr is None:
            return None
        return self._find(expr, 0, set(), formatted=False)

    def find_object(self, expr: Optional[ast.expr]) -> Optional[ast.expr]:
        """Like `find`, also counting the exception object itself (passed to a helper that
        formats it)."""
        if expr is None:
            return None
        return self._find(expr, 0, set(), formatted=True)

    def _find(self, expr: ast.expr, depth: int, seen: set[str], formatted: bool
              ) -> Optional[ast.expr]:
        if depth > _MAX_DEPTH:
            return None
        recurse = self._find
        if isinstance(expr, ast.Name):
            if self.is_exception(expr):
                return expr if formatted else None
            if expr.id in seen:
                return None
            seen.add(expr.id)
            for value in self.values(expr):
                found = recurse(value, depth + 1, seen, formatted)
                if found is not None:
                    return found
            return None
        if isinstance(expr, ast.Attribute):
            if expr.attr in EXCEPTION_TEXT_ATTRIBUTES and isinstance(expr.value, ast.Name) \
                    and self.is_exception(expr.value):
                return expr
            return None
        if isinstance(expr, ast.Subscript):
            return recurse(expr.value, depth + 1, seen, formatted)
        if isinstance(expr, ast.FormattedValue):
            return recurse(expr.value, depth + 1, seen, True)
        if isinstance(expr, ast.JoinedStr):
            return self._first(expr.values, depth, seen, True)
        if isinstance(expr, ast.BinOp):
            # `"error: %s" % e`, `"error: " + str(e)`
            text = isinstance(expr.op, ast.Mod) or formatted
            return self._first([expr.left, expr.right], depth, seen, text)
        if isinstance(expr, ast.IfExp):
            if mentions_debug(expr.test):
                branch = expr.orelse if not _negated(expr.test) else expr.body
                return recurse(branch, depth + 1, seen, formatted)
            return self._first([expr.body, expr.orelse], depth, seen, formatted)
        if isinstance(expr, ast.BoolOp):
            return self._first(expr.values, depth, seen, formatted)
        if isinstance(expr, (ast.Dict,)):
            return self._first([v for v in expr.values if v is not None], depth, seen,
                               formatted)
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            return self._first(expr.elts, depth, seen, formatted)
        if isinstance(expr, (ast.Starred, ast.Await)):
            return recurse(expr.value, depth + 1, seen, formatted)
        if isinstance(expr, ast.Call):
            return self._call(expr, depth, seen, formatted)
        return None

    def _first(self, nodes: list[ast.expr], depth: int, seen: set[str], formatted: bool
               ) -> Optional[ast.expr]:
        for node in nodes:
            found = self._find(node, depth + 1, seen, formatted)
            if found is not None:
                return found
        return None

    def _call(self, call: ast.Call, depth: int, seen: set[str], formatted: bool
              ) -> Optional[ast.expr]:
        qualified = self.semantic.qualified_name(call.func) or ""
        if qualified in TRACEBACK_TEXT_CALLS:
            return call
        arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
        if qualified in FORMATTING_BUILTINS:
            return self._first(arguments, depth, seen, True)
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _FORMAT_METHODS:
            # `"{}".format(e)`, `", ".join(e.args)`, `str(e).lower()`
            return self._first([func.value, *arguments], depth, seen, True)
        if self.through_calls and not (self.checked_elsewhere is not None
                                       and self.checked_elsewhere(call)):
            return self._first(arguments, depth, seen, formatted)
        return None
