"""Sync network calls inside `async def`."""

from __future__ import annotations

from backendlint.practices.async_blocking.detection import BlockingCallRule


class BlockingHttpCallInAsync(BlockingCallRule):
    """## What it does
    Checks for synchronous network calls inside an `async def`: `requests` (module functions
    and `Session` methods), `httpx` module functions and `httpx.Client` methods,
    `urllib.request.urlopen`, `urllib3` pool requests, `http.client` connections, blocking
    `socket` calls (not on a socket after `setblocking(False)` or `settimeout(0)`),
    `smtplib`, `ftplib`, `input()`, and waiting for a Celery result (`AsyncResult.get()`,
    `task.delay(...).get()`). Methods count when the receiver's type is known: a constructor
    call, a `with` target, `self.x` set in `__init__`, or an annotation.

    ## Why is this bad?
    A network round trip takes milliseconds to seconds; a sync client holds the event loop for
    all of it, so the service handles one request at a time.

    ## Example
    ```python
    import requests
    from fastapi import APIRouter

    router = APIRouter()


    @router.get("/rates")
    async def rates() -> dict:
        return requests.get("https://api.example.com/rates", timeout=5).json()
    ```

    Use instead:
    ```python
    import httpx
    from fastapi import APIRouter

    router = APIRouter()


    @router.get("/rates")
    async def rates() -> dict:
        async with httpx.AsyncClient() as client:
            response = await client.get("https://api.example.com/rates", timeout=5)
        return response.json()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `requests.get` or `requests.Session.get`.

    ## Fix safety
    There is no fix: the async client has a different API.
    """

    code = "BL102"
    name = "blocking-http-call-in-async"
    kind = "is sync network I/O"
    hint = ("use an async client (`httpx.AsyncClient`, `aiohttp`) or "
            "`await asyncio.to_thread(...)`")
