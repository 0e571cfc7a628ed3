"""BL908: a result cache (`functools.lru_cache`, `cache`, `cached_property`, `cachetools`) on an
`async def` (self-contained)."""

from __future__ import annotations

import ast

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.data_clients import RESULT_CACHES
from backendlint.semantic.analyze.arguments import FunctionNode


class CacheOnCoroutine(Rule):
    """## What it does
    Checks for `functools.lru_cache`, `functools.cache`, `functools.cached_property`,
    `cachetools.cached`/`cachedmethod` and the `cachetools.func` caches on an `async def`,
    however they are imported (`from functools import lru_cache as memo` included).

    ## Why is this bad?
    Calling an `async def` returns a coroutine object; the cache keeps that object, not the
    awaited result. The first caller awaits it; every later caller with the same arguments
    gets the same, already awaited coroutine, and awaiting it raises
    `RuntimeError: cannot reuse already awaited coroutine`. The endpoint works once per
    process and argument, then fails.

    ## Example
    ```python
    from functools import lru_cache

    import httpx


    @lru_cache(maxsize=128)
    async def exchange_rate(currency: str) -> float:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"https://rates.example.com/{currency}")
        return float(response.json()["rate"])
    ```

    Use instead:
    ```python
    from async_lru import alru_cache

    import httpx


    @alru_cache(maxsize=128)
    async def exchange_rate(currency: str) -> float:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"https://rates.example.com/{currency}")
        return float(response.json()["rate"])
    ```

    ## Options
    None.

    ## Fix safety
    There is no fix: the replacement (`async_lru.alru_cache`, `aiocache.cached`, or caching the
    awaited value yourself) is a new dependency or a design choice.
    """

    code = "BL908"
    name = "cache-on-coroutine"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    requires_any_text = ("cache",)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._check(node)

    def _check(self, node: FunctionNode) -> None:
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            qualified = self.semantic.qualified_name(target)
            if qualified not in RESULT_CACHES:
                continue
            written = ast.unparse(target)
            self.report(
                decorator,
                f"`@{written}` on `async def {node.name}` caches the coroutine object, not "
                "its result: the second call with the same arguments gets the already "
                "awaited coroutine and awaiting it raises `RuntimeError`; use an async-aware "
                "cache (`async_lru.alru_cache`) or cache the awaited value")
