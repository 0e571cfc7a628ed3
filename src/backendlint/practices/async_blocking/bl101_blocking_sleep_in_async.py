"""`time.sleep()` inside `async def`."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Optional

from backendlint.core.findings import Fix, FixAvailability
from backendlint.fixes import make_fix
from backendlint.practices.async_blocking.detection import Blocking, BlockingCallRule, await_edits

if TYPE_CHECKING:
    from backendlint.core.context import FileContext


class BlockingSleepInAsync(BlockingCallRule):
    """## What it does
    Checks for `time.sleep()` inside an `async def`, however it is imported.

    ## Why is this bad?
    `time.sleep()` stops the whole event loop, so every other request the worker is serving
    waits too. `asyncio.sleep()` suspends only the current task.

    ## Example
    ```python
    import time


    async def wait_for_job(job_id: str) -> None:
        time.sleep(0.5)
    ```

    Use instead:
    ```python
    import asyncio


    async def wait_for_job(job_id: str) -> None:
        await asyncio.sleep(0.5)
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking (`time.sleep`).

    ## Fix safety
    The fix rewrites the call to `await asyncio.sleep(...)` and adds `import asyncio`. It is
    unsafe because the task now yields to others while it waits, which can reorder work that
    relied on nothing else running in between.
    """

    code = "BL101"
    name = "blocking-sleep-in-async"
    fix_availability = FixAvailability.SOMETIMES
    kind = "stops the whole thread"
    hint = "use `await asyncio.sleep()`"

    @classmethod
    def fix(cls, ctx: FileContext, node: ast.Call, blocking: Blocking) -> Optional[Fix]:
        if blocking.fix != "sleep":
            return None
        binding = ctx.semantic.lookup("asyncio")
        if binding is not None and not (binding.kind == "import"
                                        and binding.qualified == "asyncio"):
            return None
        edits = [ctx.replace(node.func, "asyncio.sleep"), *await_edits(ctx, node)]
        return make_fix("Replace with `await asyncio.sleep()`", edits, safe=False,
                        imports=(("asyncio", None),))
