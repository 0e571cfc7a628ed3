"""Calls in `async def` to project helpers that block, through any number of calls."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Related
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.async_blocking.callgraph import (
    Arguments,
    CallGraph,
    FunctionId,
    Reason,
    constant_pairs,
)
from backendlint.practices.async_blocking.facts import AsyncCall
from backendlint.practices.async_blocking.options import AsyncBlockingOptions


class BlockingHelperCallInAsync(Rule):
    """## What it does
    Checks for calls inside an `async def` to a sync function or method of the project that
    blocks, directly or through further calls, in any module. The message shows the chain:
    `load_settings() (app/config.py:12) → open() at app/config.py:15`.

    ## Why is this bad?
    Wrapping blocking I/O in a helper hides it from a reviewer and from single-file linters,
    but the event loop is blocked all the same.

    ## Example
    ```python
    import json


    def load_settings() -> dict:
        with open("settings.json") as handle:
            return json.load(handle)


    async def startup() -> None:
        load_settings()
    ```

    Use instead:
    ```python
    import asyncio
    import json


    def load_settings() -> dict:
        with open("settings.json") as handle:
            return json.load(handle)


    async def startup() -> None:
        await asyncio.to_thread(load_settings)
    ```

    A helper whose only blocking work is a cheap filesystem check (`os.path.exists`,
    `Path.stat`: BL108, a warning where it is written) does not make its callers blocking.

    Each helper is reported once, at the first async call site (one that runs every time,
    if any); the other call sites are related locations and the message counts them. An
    awaited call is never reported (it returns an awaitable). Constant arguments select the
    helper's branch (`open_db(path, is_async=True)` does not reach `sqlite3.connect` under
    `if not is_async:`). A helper that is memoised (`functools.cache`, `lru_cache`) or blocks
    behind a run-once guard (`if not hasattr(self, "_x")`, `if self._conn is None`) blocks
    once per process: such findings have low confidence and say so. Methods are resolved
    through the project index's C3 method resolution order.

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: project functions (by qualified name,
      `app.config.load_settings`) or library calls accepted as non-blocking; they stop the
      propagation.
    - `extra-thread-wrappers`: decorators besides `sync_to_async`, `database_sync_to_async`,
      `run_in_threadpool` and `asyncio.to_thread` that run the decorated function in a thread.
    - `extra-blocking-calls`: further blocking library calls to follow.

    ## Fix safety
    There is no fix.
    """

    code = "BL107"
    name = "blocking-helper-call-in-async"
    project_level = True

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, AsyncBlockingOptions)
        graph = CallGraph(project, options)
        # One finding per helper the async code calls, at its first call site; the other
        # call sites are related locations.
        sites: dict[FunctionId, list[tuple[str, AsyncCall, Reason]]] = {}
        for path, facts in graph.modules.items():
            for call in facts.async_calls:
                target = graph.resolve(path, call.ref, 0)
                if target is None:
                    continue
                first = graph.first_step(target, Arguments(constant_pairs(call.constants),
                                                           call.spread))
                if first is not None:
                    sites.setdefault(target, []).append((path, call, first))
        for target, found in sites.items():
            # The first call site that runs every time, else the first one.
            found.sort(key=lambda item: (item[1].guarded, item[0], item[1].span.line,
                                         item[1].span.column))
            path, call, first = found[0]
            confidence = None
            notes = ""
            if graph.memoised(target, first) or call.guarded:
                confidence = Confidence.LOW
                notes = (" (memoised or behind a run-once guard: it blocks on the first call, "
                         "not every time)")
            if len(found) > 1:
                notes += f"; called from {len(found)} places in async code (see related)"
            steps = graph.steps(target, first)
            blocker = steps[-1]
            through = f" through {len(steps) - 2} calls" if len(steps) > 3 else ""
            message = (f"`{call.call}()` is a sync helper that blocks the event loop: it "
                       f"reaches {blocker.message.removesuffix(' blocks')} at "
                       f"{blocker.path.rsplit('/', 1)[-1]}:{blocker.line}{through}{notes}; make "
                       "it async or call it with `await asyncio.to_thread(...)`")
            # The chain and the other call sites are related locations: SARIF and the full
            # output show each at its place.
            related = (*steps, *(Related(other_path, other.span.line, other.span.column,
                                         f"`{other.call}()` also calls it")
                                 for other_path, other, _ in found[1:]))
            project.report(cls, path, call.span, message, confidence=confidence,
                           related=related)
