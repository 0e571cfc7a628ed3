"""The rate-limiting practice's module facts: what this module sets up for limiting (limiters, where they are attached, whole-blueprint limits and
exemptions, limits checked in a view's body)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional

from backendlint.core.facts import ModuleFacts, Span


@dataclass
class LimiterSetup:
    """`limiter = Limiter(...)` (slowapi or flask-limiter)."""

    identity: str
    library: str
    # default_limits / application_limits are set.
    defaults: bool
    # The app passed to the constructor ("?" when not resolved), if any.
    app: Optional[str]
    span: Span


@dataclass
class StateLimiter:
    """`app.state.limiter = limiter`."""

    app: Optional[str]
    limiter: Optional[str]


@dataclass
class LimiterBound:
    """`limiter.init_app(app)`."""

    limiter: str
    app: str


@dataclass
class WholeGroup:
    """`limiter.limit(...)(blueprint)`, a `before_request` hook calling `limiter.check()`,
    or `limiter.exempt(blueprint)`."""

    owner: str
    limiter: Optional[str]


@dataclass
class RateLimitFacts(ModuleFacts):
    practice: ClassVar[str] = "rate-limiting"
    version: ClassVar[int] = 4

    # The parameters this practice's questions added to the endpoint facts, which are
    # stored once for every practice that reads them (`semantic.endpoints.graph.module_endpoints`).
    endpoint_parameters: dict[str, list[str]] = field(default_factory=dict)
    limiters: list[LimiterSetup] = field(default_factory=list)
    state_limiters: list[StateLimiter] = field(default_factory=list)
    bound: list[LimiterBound] = field(default_factory=list)
    group_limits: list[WholeGroup] = field(default_factory=list)
    group_exempts: list[WholeGroup] = field(default_factory=list)
    fastapi_limiter_init: bool = False
    # fastapi-limiter `RateLimiter(...)` used as a dependency, where.
    rate_limiter_uses: list[Span] = field(default_factory=list)
    # Functions (qualified names) that check a limit in their body.
    body_limited: list[str] = field(default_factory=list)
