"""Waiting for a child process inside `async def`."""

from __future__ import annotations

from backendlint.practices.async_blocking.detection import BlockingCallRule


class BlockingSubprocessInAsync(BlockingCallRule):
    """## What it does
    Checks for process calls that wait inside an `async def`: `subprocess.run`, `call`,
    `check_call`, `check_output`, `Popen` (and `.wait()` / `.communicate()` on a Popen),
    `os.system`, `os.popen`, `os.spawn*` and `os.wait*` (not with `os.WNOHANG`, which returns
    at once).

    ## Why is this bad?
    The event loop stays blocked until the child process exits.

    ## Example
    ```python
    import subprocess


    async def render_pdf(path: str) -> None:
        subprocess.run(["wkhtmltopdf", path, path + ".pdf"], check=True)
    ```

    Use instead:
    ```python
    import asyncio


    async def render_pdf(path: str) -> None:
        process = await asyncio.create_subprocess_exec("wkhtmltopdf", path, path + ".pdf")
        await process.wait()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `subprocess.Popen`.

    ## Fix safety
    There is no fix.
    """

    code = "BL103"
    name = "blocking-subprocess-in-async"
    kind = "waits for a child process"
    hint = "use `asyncio.create_subprocess_exec()` or `await asyncio.to_thread(...)`"
