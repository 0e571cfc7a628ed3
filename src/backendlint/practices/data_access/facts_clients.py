"""Typed module facts of BL901 and BL909: clients and sessions built inside functions, the
functions that serve requests by themselves, the FastAPI dependencies a module names, and the
functions that run once (memoised factories, start-up and lifespan handlers).

Functions are named as the project index names them: `<module>.<qualname>`, with
`<locals>` for nested functions (`app.main.create_app.<locals>.index`)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import ClassVar

from backendlint.core.facts import ModuleFacts, Span


class RequestRole(enum.Enum):
    ROUTE = "endpoint"
    VIEW = "view"
    MIDDLEWARE = "middleware"
    HOOK = "per-request hook"
    # Not routed here, but its first parameter is the request (a Django view routed in a
    # urls module, or a helper of one).
    TAKES_REQUEST = "takes_request"


class SessionState(enum.Enum):
    # `return SessionLocal()` or `s = SessionLocal(); return s`: nobody closes it.
    RETURNED = "returned"
    # `yield SessionLocal()` or a yielded session with no close after the yield.
    YIELDED = "yielded"
    # Used and never closed (no close, no `with`, not handed to anything else).
    UNCLOSED = "unclosed"
    # Closed, but not in a `finally`: an exception on the way skips the close.
    CLOSED_NOT_ON_ERROR = "closed_not_on_error"


@dataclass
class ClientBuild:
    """A pooled client or session factory built inside a function (BL901)."""

    function: str
    callee: str
    written: str
    kind: str
    span: Span
    # Built as a context manager (`async with httpx.AsyncClient() as c:`): closed again.
    managed: bool = False


@dataclass
class SessionOpen:
    """A call that may open a SQLAlchemy session, left open in some way (BL909). `callee` is
    what the model resolved (`app.database.SessionLocal`, `sqlalchemy.orm.Session`); whether
    it is a session factory is decided in the project pass."""

    function: str
    callee: str
    written: str
    span: Span
    state: SessionState
    # The callee is a session class or a `sessionmaker(...)` call seen in place.
    known: bool = False


@dataclass
class RequestFunction:
    role: RequestRole
    span: Span
    name: str


@dataclass
class DependencyUse:
    """`Depends(target)` (`called`: `Depends(Checker())`, whose `__call__` runs)."""

    target: str
    span: Span
    called: bool = False


@dataclass
class ClientFacts(ModuleFacts):
    practice: ClassVar[str] = "data-access-clients"
    version: ClassVar[int] = 3

    builds: list[ClientBuild] = field(default_factory=list)
    sessions: list[SessionOpen] = field(default_factory=list)
    requests: dict[str, RequestFunction] = field(default_factory=dict)
    dependencies: list[DependencyUse] = field(default_factory=list)
    # Functions that run once or are memoised: a call chain stops there.
    once: list[str] = field(default_factory=list)
    # (line, column) of calls made under a run-once guard (`global _x; if not _x: ...`):
    # a call chain does not pass through them.
    guarded_calls: list[tuple[int, int]] = field(default_factory=list)
