"""File I/O inside `async def`."""

from __future__ import annotations

from backendlint.practices.async_blocking.detection import BlockingCallRule


class BlockingFileIoInAsync(BlockingCallRule):
    """## What it does
    Checks for file I/O inside an `async def`: `open()`, `io.open()`, the
    `pathlib.Path` methods `open`, `read_text`, `write_text`, `read_bytes` and `write_bytes`,
    and `shutil` copies, moves and `rmtree`.

    ## Why is this bad?
    Disk I/O (and network file systems even more) blocks the event loop for as long as the
    read or write takes.

    ## Example
    ```python
    async def load_template(name: str) -> str:
        with open(f"templates/{name}.html", encoding="utf-8") as handle:
            return handle.read()
    ```

    Use instead:
    ```python
    import aiofiles


    async def load_template(name: str) -> str:
        async with aiofiles.open(f"templates/{name}.html", encoding="utf-8") as handle:
            return await handle.read()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `builtins.open` or `pathlib.Path.read_text`.

    ## Fix safety
    There is no fix.
    """

    code = "BL104"
    name = "blocking-file-io-in-async"
    requires_any_text = ("open", "Path", "pathlib", "shutil")
    kind = "is sync file I/O"
    hint = "use `aiofiles`/`anyio.Path`, or `await asyncio.to_thread(...)`"
