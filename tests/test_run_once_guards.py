"""`under_run_once_guard`: which statements run only the first time (per key) a function is
called, so that work behind them is not per call."""

from __future__ import annotations

import ast
import textwrap

import pytest

from backendlint.semantic.analyze.branches import under_run_once_guard


def _stack_to_marked_call(source: str) -> list[ast.stmt]:
    """The statements enclosing the one that calls `work()`, function first."""
    function = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))

    def search(statement: ast.stmt, trail: list[ast.stmt]) -> list[ast.stmt]:
        trail = [*trail, statement]
        own = [child for child in ast.iter_child_nodes(statement)
               if not isinstance(child, (ast.stmt, ast.excepthandler))]
        if any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
               and node.func.id == "work"
               for child in own for node in ast.walk(child)):
            return trail
        blocks = [getattr(statement, name, []) for name in ("body", "orelse", "finalbody")]
        blocks += [handler.body for handler in getattr(statement, "handlers", [])]
        for block in blocks:
            for child in block:
                found = search(child, trail)
                if found:
                    return found
        return []

    stack = search(function, [])
    assert stack, "no call of work()"
    return stack


@pytest.mark.parametrize("source", [
    """
    def f(key):
        try:
            return _CACHE[key]
        except KeyError:
            pass
        _CACHE[key] = work()
    """,
    """
    def f(key):
        try:
            return self._views[key]
        except (LookupError, ValueError):
            self._views[key] = work()
    """,
    """
    def f(key):
        if key in _CACHE:
            return _CACHE[key]
        _CACHE[key] = work()
    """,
    """
    def f():
        if not hasattr(self, "_client"):
            self._client = work()
        return self._client
    """,
])
def test_work_after_a_cache_hit_returns_runs_once_per_key(source: str) -> None:
    stack = _stack_to_marked_call(source)
    assert under_run_once_guard(stack, frozenset({"key"}))


@pytest.mark.parametrize("source", [
    # The looked-up mapping is a parameter: nothing is kept between calls.
    """
    def f(key, overrides):
        try:
            return overrides[key]
        except KeyError:
            pass
        return work()
    """,
    # A handler for another error: a missing key still reaches the work on every call.
    """
    def f(key):
        try:
            return _CACHE[key]
        except TypeError:
            pass
        return work()
    """,
    # The try does more than return the entry.
    """
    def f(key):
        try:
            refresh()
            return _CACHE[key]
        except KeyError:
            pass
        return work()
    """,
    # Nothing returns before the work.
    """
    def f(key):
        value = _CACHE.get(key)
        return work(value)
    """,
])
def test_work_without_a_kept_result_runs_every_call(source: str) -> None:
    stack = _stack_to_marked_call(source)
    assert not under_run_once_guard(stack, frozenset({"key", "overrides"}))
