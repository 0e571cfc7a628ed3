"""Which branch a statement is on: the tests of enclosing `if` statements (and of earlier
`if ...: return` guards) that a function's parameters decide, and run-once guards.

Callers pass the statement stack from the function's `def` down to the statement at hand
(`FileContext.statement_stack` holds it during the traversal).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from backendlint.semantic.analyze.constants import ConstValue

_NEGATED = {"truthy": "falsy", "falsy": "truthy", "is-none": "not-none",
            "not-none": "is-none", "eq": "ne", "ne": "eq"}


@dataclass(frozen=True)
class ParameterTest:
    """`if is_async:` is (`is_async`, truthy); `if mode == "r":` is (`mode`, eq, "r")."""

    param: str
    test: str  # truthy, falsy, is-none, not-none, eq, ne
    value: ConstValue = None

    def negated(self) -> ParameterTest:
        return ParameterTest(self.param, _NEGATED[self.test], self.value)

    def holds(self, value: ConstValue) -> bool:
        """Whether the test passes when the parameter has this constant value."""
        if self.test == "truthy":
            return bool(value)
        if self.test == "falsy":
            return not value
        if self.test == "is-none":
            return value is None
        if self.test == "not-none":
            return value is not None
        if self.test == "eq":
            return value == self.value
        return value != self.value


def parameter_test(test: ast.expr, params: frozenset[str]) -> Optional[ParameterTest]:
    """The test as a condition on one parameter, or None when it is anything else."""
    if isinstance(test, ast.Name) and test.id in params:
        return ParameterTest(test.id, "truthy")
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = parameter_test(test.operand, params)
        return inner.negated() if inner is not None else None
    if (isinstance(test, ast.Compare) and len(test.ops) == 1
            and isinstance(test.left, ast.Name) and test.left.id in params
            and isinstance(test.comparators[0], ast.Constant)):
        op, value = test.ops[0], test.comparators[0].value
        if not (value is None or isinstance(value, (bool, int, float, str))):
            return None
        if isinstance(op, ast.Is):
            return ParameterTest(test.left.id, "is-none" if value is None else "eq", value)
        if isinstance(op, ast.IsNot):
            return ParameterTest(test.left.id, "not-none" if value is None else "ne", value)
        if isinstance(op, ast.Eq):
            return ParameterTest(test.left.id, "eq", value)
        if isinstance(op, ast.NotEq):
            return ParameterTest(test.left.id, "ne", value)
    return None


def _ends_flow(block: list[ast.stmt]) -> bool:
    return bool(block) and isinstance(block[-1], (ast.Return, ast.Raise, ast.Continue,
                                                  ast.Break))


def _block_of(parent: ast.stmt, child: ast.stmt) -> tuple[str, list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        block = getattr(parent, name, None)
        if isinstance(block, list) and any(item is child for item in block):
            return name, block
    for handler in getattr(parent, "handlers", ()):
        if any(item is child for item in handler.body):
            return "handler", handler.body
    for case in getattr(parent, "cases", ()):
        if any(item is child for item in case.body):
            return "case", case.body
    return "", []


def branch_tests(stack: Sequence[ast.stmt], params: frozenset[str]) -> list[ParameterTest]:
    """Conditions on parameters under which the last statement of `stack` runs. `stack[0]`
    is the function definition."""
    found: list[ParameterTest] = []
    for parent, child in zip(stack, stack[1:]):
        name, block = _block_of(parent, child)
        if isinstance(parent, ast.If) and name in ("body", "orelse"):
            test = parameter_test(parent.test, params)
            if test is not None:
                found.append(test if name == "body" else test.negated())
        for earlier in block:
            if earlier is child:
                break
            # `if is_async: return ...` before: what follows runs only when it was false.
            if isinstance(earlier, ast.If) and not earlier.orelse and _ends_flow(earlier.body):
                test = parameter_test(earlier.test, params)
                if test is not None:
                    found.append(test.negated())
    return found


def _is_cache_test(test: ast.expr, params: frozenset[str], present: bool) -> bool:
    """Whether the test checks that state kept across calls is there (`present`:
    `hasattr(self, "_x")`, `self._x is not None`, `key in _CACHE`) or missing (`not
    hasattr(...)`, `_CACHE is None`, `key not in self._cache`), on something that is not a
    parameter."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _is_cache_test(test.operand, params, not present)
    if isinstance(test, ast.BoolOp):
        return any(_is_cache_test(value, params, present) for value in test.values)
    if (isinstance(test, ast.Call) and isinstance(test.func, ast.Name)
            and test.func.id == "hasattr"):
        return present
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    op, right = test.ops[0], test.comparators[0]
    if isinstance(op, (ast.In, ast.NotIn)):
        holder: ast.expr = right
        says_present = isinstance(op, ast.In)
    elif (isinstance(op, (ast.Is, ast.IsNot)) and isinstance(right, ast.Constant)
          and right.value is None):
        holder = test.left
        says_present = isinstance(op, ast.IsNot)
    else:
        return False
    if says_present != present:
        return False
    if isinstance(holder, ast.Attribute):
        return True
    return isinstance(holder, ast.Name) and holder.id not in params


def under_run_once_guard(stack: Sequence[ast.stmt], params: frozenset[str]) -> bool:
    """Whether the last statement of `stack` runs only the first time (lazy initialisation
    behind `hasattr` or an `is None` check of an attribute or a global), as in
    `if not hasattr(self, "_cache"): self._cache = load()`."""
    for parent, child in zip(stack, stack[1:]):
        name, block = _block_of(parent, child)
        if (isinstance(parent, ast.If) and name == "body"
                and _is_cache_test(parent.test, params, present=False)):
            return True
        if name == "handler" and _returns_cached_entry(parent, params):
            # `try: return _CACHE[key]` / `except KeyError: <the work>`.
            return True
        for earlier in block:
            if earlier is child:
                break
            if (isinstance(earlier, ast.If) and not earlier.orelse
                    and isinstance(earlier.body[-1], ast.Return)
                    and _is_cache_test(earlier.test, params, present=True)):
                # `if self._x is not None: return self._x` before the work.
                return True
            if _returns_cached_entry(earlier, params):
                return True
    return False


# Exceptions a failed cache lookup raises, as a handler names them.
_MISSING_KEY_ERRORS = frozenset({"KeyError", "LookupError", "Exception", "BaseException"})


def _returns_cached_entry(statement: ast.stmt, params: frozenset[str]) -> bool:
    """`try: return _CACHE[key]` with `except KeyError:` before the work, on state kept
    across calls (a global or an attribute, not a parameter): a hit leaves the function."""
    if not (isinstance(statement, ast.Try) and len(statement.body) == 1):
        return False
    only = statement.body[0]
    if not (isinstance(only, ast.Return) and isinstance(only.value, ast.Subscript)):
        return False
    holder = only.value.value
    if not (isinstance(holder, ast.Attribute)
            or (isinstance(holder, ast.Name) and holder.id not in params)):
        return False
    return any(_catches_missing_key(handler.type) for handler in statement.handlers)


def _catches_missing_key(caught: Optional[ast.expr]) -> bool:
    if caught is None:
        return True
    if isinstance(caught, ast.Tuple):
        return any(_catches_missing_key(element) for element in caught.elts)
    name = caught.attr if isinstance(caught, ast.Attribute) else \
        caught.id if isinstance(caught, ast.Name) else None
    return name in _MISSING_KEY_ERRORS


def _globals_declared(function: ast.stmt) -> frozenset[str]:
    names: set[str] = set()
    for statement in getattr(function, "body", []):
        if isinstance(statement, ast.Global):
            names.update(statement.names)
    return frozenset(names)


def _tests_unset_flag(test: ast.expr, flags: frozenset[str]) -> bool:
    """`not _initialised`, `_client is None`, `not (_a and _b)` on names in `flags`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        operand = test.operand
        if isinstance(operand, ast.BoolOp):
            return any(isinstance(value, ast.Name) and value.id in flags
                       for value in operand.values)
        return isinstance(operand, ast.Name) and operand.id in flags
    if isinstance(test, ast.BoolOp):
        return any(_tests_unset_flag(value, flags) for value in test.values)
    return (isinstance(test, ast.Compare) and len(test.ops) == 1
            and isinstance(test.ops[0], ast.Is) and isinstance(test.left, ast.Name)
            and test.left.id in flags and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value is None)


def under_global_flag_guard(stack: Sequence[ast.stmt]) -> bool:
    """Whether the last statement of `stack` is in the body of an `if` that tests a module
    global the innermost function declares `global` and is unset (`if not _initialised:`,
    `if _client is None:`): the function's first call does the work, later ones skip it."""
    function_index = max((index for index, statement in enumerate(stack)
                          if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))),
                         default=-1)
    if function_index < 0:
        return False
    flags = _globals_declared(stack[function_index])
    if not flags:
        return False
    for parent, child in zip(stack[function_index:], stack[function_index + 1:]):
        name, _block = _block_of(parent, child)
        if isinstance(parent, ast.If) and name == "body" and _tests_unset_flag(parent.test,
                                                                                flags):
            return True
    return False
