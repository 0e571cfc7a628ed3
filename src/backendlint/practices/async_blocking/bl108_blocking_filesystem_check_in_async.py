"""Cheap but blocking filesystem calls inside `async def`."""

from __future__ import annotations

from backendlint.core.findings import Severity
from backendlint.practices.async_blocking.detection import BlockingCallRule


class BlockingFilesystemCheckInAsync(BlockingCallRule):
    """## What it does
    Checks for cheap but blocking filesystem calls inside an `async def`:
    `os.path.exists` / `isfile` / `isdir` / `getsize` / `realpath` / `samefile`, `os.listdir`,
    `os.scandir`, `os.stat`, `glob.glob`, `shutil.which` / `disk_usage`, and
    `pathlib.Path.exists` / `stat` / `is_file` / `iterdir` / `glob`.

    ## Why is this bad?
    They are usually fast, but each is a system call that can stall on a busy disk or a
    network mount, and the whole event loop waits for it.

    ## Example
    ```python
    import os


    async def has_avatar(user_id: int) -> bool:
        return os.path.exists(f"/srv/avatars/{user_id}.png")
    ```

    Use instead:
    ```python
    import anyio


    async def has_avatar(user_id: int) -> bool:
        return await anyio.Path(f"/srv/avatars/{user_id}.png").exists()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `os.path.exists` or `pathlib.Path.exists`.

    ## Fix safety
    There is no fix.
    """

    code = "BL108"
    name = "blocking-filesystem-check-in-async"
    severity = Severity.WARNING
    kind = "is a blocking filesystem call"
    hint = "use `anyio.Path` or `await asyncio.to_thread(...)`"
