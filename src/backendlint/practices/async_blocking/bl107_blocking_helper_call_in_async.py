"""Calls in `async def` to project helpers that block, through any number of calls."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.async_blocking.callgraph import CallGraph
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
        for path, facts in graph.modules.items():
            for call in facts.async_calls:
                target = graph.resolve(path, call.ref, 0)
                if target is None or target not in graph.reasons:
                    continue
                message = (f"`{call.call}()` is a sync helper that blocks the event loop: "
                           f"{graph.chain(target)}; make it async or call it with "
                           "`await asyncio.to_thread(...)`")
                project.report(cls, path, call.span, message)
