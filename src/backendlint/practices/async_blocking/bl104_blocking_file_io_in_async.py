"""File I/O inside `async def`."""

from __future__ import annotations

from backendlint.practices.async_blocking.detection import BlockingCallRule


class BlockingFileIoInAsync(BlockingCallRule):
    """## What it does
    Checks for file I/O inside an `async def`: `open()`, `io.open()`, `io.open_code()`,
    `os.fdopen()`; creating, renaming and removing files (`os.mkdir`, `os.makedirs`,
    `os.remove`, `os.rename`, `os.replace`, `os.walk`, ...); the `pathlib.Path` readers and mutators (`open`,
    `read_text`, `write_bytes`, `mkdir`, `unlink`, `rename`, `touch`, ...); `shutil` copies,
    moves, archives and `rmtree`; `tempfile` files and folders; `ssl.create_default_context`
    and the certificate loaders of an `SSLContext`; `importlib.import_module`; and reads and
    writes on file objects typed by annotation (`f: io.TextIOWrapper`, `f: IO[str]`).
    Paths are typed through `/`, `.joinpath()`/`.parent`-style chains, class fields
    (`root: Path`), and, across modules, what a project function returns or is annotated to
    return and what a project `@contextmanager` yields. An awaited call is not reported.

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
    kind = "is sync file I/O"
    hint = "use `aiofiles`/`anyio.Path`, or `await asyncio.to_thread(...)`"
