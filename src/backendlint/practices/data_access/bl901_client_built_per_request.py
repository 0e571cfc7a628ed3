"""BL901: a pooled client (SQLAlchemy engine, Redis, httpx, aiohttp, requests, boto3, a database
pool) built inside something that runs on every request (project rule)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.knowledge.data_clients import SESSION_FACTORY_KIND
from backendlint.practices.data_access.clients import ClientRule, RequestPaths, short_name


class ClientBuiltPerRequest(ClientRule):
    """## What it does
    Checks for clients that own a connection pool built inside code that runs on every
    request: SQLAlchemy `create_engine`/`create_async_engine` and `sessionmaker`,
    `asyncpg.create_pool`, psycopg pools, `redis.Redis(...)`/`from_url`, `httpx.Client`/
    `AsyncClient`, `requests.Session()`, `aiohttp.ClientSession()`, `boto3.client`/`resource`,
    MongoDB clients. "Every request" means inside an endpoint, a Django or DRF view, a
    middleware's `__call__`/`dispatch`, a FastAPI dependency (`Depends(f)`, also in
    `Annotated[..., Depends(f)]` and sub-dependencies, across modules), or a project function
    one of those calls (followed through the project index; the chain is in the related
    locations).

    Not reported: module level, start-up and lifespan handlers (`@app.on_event("startup")`,
    a function passed as `lifespan=`, `AppConfig.ready`, `create_app`), memoised factories
    (`functools.lru_cache`/`cache`, `async_lru`, a guard such as
    `global _client; if _client is None: ...`, and the `memoised-factories` option), clients
    that share a pool built elsewhere (`redis.Redis(connection_pool=pool)`), test code.
    `asyncpg.connect` and `psycopg.connect` are not reported: one connection per unit of work
    is how those drivers work without a pool.

    ## Why is this bad?
    The pool is the point of these clients: connections, TLS sessions, DNS results and (for
    boto3) the credential chain are set up once and reused. Built per request, every request
    pays for new TCP and TLS handshakes (tens of milliseconds), and a client that is not
    closed leaves its sockets open until the garbage collector finds it; under load the
    database or the remote service runs out of connections. A client used as a context
    manager (`async with httpx.AsyncClient() as client:`) inside an endpoint is closed again,
    so nothing leaks, but nothing is reused either: that is reported with medium confidence.

    ## Example
    ```python
    import httpx
    from fastapi import FastAPI

    app = FastAPI()


    @app.get("/rates/{currency}")
    async def rate(currency: str) -> dict[str, float]:
        client = httpx.AsyncClient(timeout=5)
        response = await client.get(f"https://rates.example.com/{currency}")
        return response.json()
    ```

    Use instead:
    ```python
    from contextlib import asynccontextmanager

    import httpx
    from fastapi import FastAPI, Request


    @asynccontextmanager
    async def lifespan(app: FastAPI):
        async with httpx.AsyncClient(timeout=5) as client:
            app.state.rates = client
            yield


    app = FastAPI(lifespan=lifespan)


    @app.get("/rates/{currency}")
    async def rate(currency: str, request: Request) -> dict[str, float]:
        response = await request.app.state.rates.get(f"https://rates.example.com/{currency}")
        return response.json()
    ```

    ## Options
    In `[tool.backendlint.data-access]`:
    - `memoised-factories` (default `[]`): the project's functions that build a client once
      and hand the same one back (qualified names or fnmatch patterns; a bare name matches
      the function's name). Clients built inside them, and calls to them, are not reported.

    ## Fix safety
    There is no fix: where a shared client lives (module level, the app's lifespan, a cached
    dependency) is a design choice.
    """

    code = "BL901"
    name = "client-built-per-request"
    severity = Severity.WARNING
    confidence = Confidence.HIGH

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        paths = project.computed(lambda: RequestPaths(project), RequestPaths)
        for record, facts in paths.modules:
            for build in facts.builds:
                serving = paths.serving(build.function)
                if serving is None:
                    continue
                if serving.chain:
                    where = (f"in `{short_name(build.function)}`, which {serving.description} "
                             "calls on every request")
                else:
                    where = f"in {serving.description}, on every request"
                if build.managed:
                    what = (f"`{build.written}(...)` builds {build.kind} and closes it again "
                            f"{where}: nothing leaks, but no connection is ever reused")
                else:
                    what = f"`{build.written}(...)` builds {build.kind} {where}"
                message = (f"{what}; build it once (module level, the app's lifespan or "
                           "start-up, or a cached factory) and share it")
                confidence = Confidence.HIGH
                if build.managed or serving.chain or build.kind == SESSION_FACTORY_KIND:
                    confidence = Confidence.MEDIUM
                project.report(cls, record.path, build.span, message, confidence=confidence,
                               related=serving.related())
