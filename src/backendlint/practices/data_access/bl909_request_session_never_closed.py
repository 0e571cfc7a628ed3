"""BL909: a SQLAlchemy session opened per request and never closed (project rule)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.data_access.clients import ClientRule, RequestPaths
from backendlint.practices.data_access.facts_clients import SessionOpen, SessionState

_HOW = {
    SessionState.RETURNED: "returns it, and FastAPI never closes a returned dependency value",
    SessionState.YIELDED: "yields it and never closes it after the `yield`",
    SessionState.UNCLOSED: "never closes it",
    SessionState.CLOSED_NOT_ON_ERROR: "closes it only when nothing raises first (the "
                                      "`close()` is not in a `finally`)",
}


class RequestSessionNeverClosed(ClientRule):
    """## What it does
    Checks for SQLAlchemy sessions opened in code that runs on every request (a FastAPI
    dependency or endpoint, a view, a middleware) and not closed: `Session()`,
    `AsyncSession(...)`, `sessionmaker(...)()`, or a session factory of the project
    (`SessionLocal = sessionmaker(...)` in `database.py`, imported in `deps.py`: followed
    through the project index) that is returned, yielded with no `close()` after the `yield`,
    used without ever being closed, or closed outside a `finally`. `Depends(SessionLocal)`
    itself is reported too: FastAPI calls the factory and never closes what it returns. A
    project helper that returns a new session (`def get_db(): return SessionLocal()`) counts
    as a factory where a handler calls it (with medium confidence: the helper is named in
    the message).

    Not reported: a session in `with`/`async with` (or `contextlib.closing`), one closed in a
    `finally`, one handed to something that keeps it (`request.state.db = session`, a
    repository object that is returned), Flask-SQLAlchemy's `db.session` and
    `scoped_session` registries (removed at teardown), and test code.

    ## Why is this bad?
    An open session holds a connection checked out of the engine's pool from its first query
    until it is closed. A per-request session that nobody closes keeps that connection until
    the garbage collector finds the session; under load the pool runs dry
    (`QueuePool limit of size 5 overflow 10 reached`) and requests time out waiting for a
    connection. A `close()` that an exception can skip leaks the same way on every error.

    ## Example
    ```python
    from fastapi import Depends, FastAPI
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session, sessionmaker

    engine = create_engine("postgresql://app@db/app")
    SessionLocal = sessionmaker(bind=engine)
    app = FastAPI()


    def get_db() -> Session:
        return SessionLocal()


    @app.get("/items")
    def list_items(db: Session = Depends(get_db)) -> list[str]:
        return []
    ```

    Use instead:
    ```python
    from collections.abc import Iterator

    from fastapi import Depends, FastAPI
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session, sessionmaker

    engine = create_engine("postgresql://app@db/app")
    SessionLocal = sessionmaker(bind=engine)
    app = FastAPI()


    def get_db() -> Iterator[Session]:
        with SessionLocal() as session:
            yield session


    @app.get("/items")
    def list_items(db: Session = Depends(get_db)) -> list[str]:
        return []
    ```

    ## Options
    None.

    ## Fix safety
    There is no fix: moving the session into a `with` block changes where the code after
    it may still use the session.
    """

    code = "BL909"
    name = "request-session-never-closed"
    severity = Severity.ERROR
    confidence = Confidence.HIGH

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        paths = project.computed(lambda: RequestPaths(project), RequestPaths)
        for record, facts in paths.modules:
            for session in facts.sessions:
                cls._check_session(project, paths, record.path, session)
        for record, use, target in paths.dependency_uses:
            if use.called or paths.session_factory(target) is None:
                continue
            project.report(
                cls, record.path, use.span,
                f"`Depends({target.rsplit('.', 1)[-1]})` opens a SQLAlchemy session on every "
                "request and nothing closes it: FastAPI calls the factory and keeps no "
                "handle to close; depend on a generator that does "
                "`with SessionLocal() as session: yield session`")

    @classmethod
    def _check_session(cls, project: ProjectContext, paths: RequestPaths, path: str,
                       session: SessionOpen) -> None:
        serving = paths.direct.get(session.function)
        if serving is None or session.function in paths.once:
            return
        factory = paths.session_factory(session.callee)
        unsure = ""
        confidence = Confidence.HIGH
        helper = paths.session_helper(session.callee) if factory is None else None
        if helper is not None:
            factory = helper
            unsure = f" (`{session.written}` returns a new one)"
            confidence = Confidence.MEDIUM
        if factory is None:
            index = project.index
            if (not paths.session_like(session.callee)
                    or index.value(session.callee) is not None
                    or index.function(session.callee) is not None
                    or index.class_(session.callee) is not None):
                return
            unsure = (f" (`{session.written}` could not be resolved; its name says it makes "
                      "sessions)")
            confidence = Confidence.LOW
        if session.state is SessionState.CLOSED_NOT_ON_ERROR:
            confidence = min(confidence, Confidence.MEDIUM, key=lambda item: item.rank)
        who = "every request that fails" if session.state is \
            SessionState.CLOSED_NOT_ON_ERROR else "every request"
        message = (f"`{session.written}()` opens a SQLAlchemy session{unsure} in "
                   f"{serving.description}, which {_HOW[session.state]}: {who} keeps a "
                   "pooled connection checked out until the garbage collector finds the "
                   "session; close it in `finally`, or open it with `with`/`async with` (in "
                   "a dependency: `yield` inside the `with`)")
        project.report(cls, path, session.span, message, confidence=confidence,
                       related=serving.related())

