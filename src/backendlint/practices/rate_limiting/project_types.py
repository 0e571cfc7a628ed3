"""The records of rate limiting's project pass: an endpoint with its limit status, a
limit that does nothing (BL503), a limiter and what applies along an include chain."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Optional

from backendlint.core.facts import Span
from backendlint.knowledge.web_frameworks import (
    MUTATING_METHODS,
)
from backendlint.practices.rate_limiting.facts import LimiterSetup
from backendlint.practices.rate_limiting.sensitivity import is_sensitive


class Limited(Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass
class Endpoint:
    framework: str  # fastapi, starlette, flask, drf, django
    path: str  # display path of the file to report in
    span: Span
    names: list[str]
    own_paths: list[str]
    full_path: str
    methods: Optional[set[str]]
    limited: Limited = Limited.NO
    exempt: bool = False
    exempt_what: str = ""
    # A requirement for an authenticated or privileged user was found on the way to it.
    authenticated: bool = False
    # Its body checks who the user is (weaker evidence: a sign-up view checks it too).
    checks_user: bool = False
    parameters: list[str] = field(default_factory=list)
    # Its body only redirects to an OAuth provider / verifies a signature.
    redirects_to_provider: bool = False
    verifies_signature: bool = False
    # The credential is locked out after failures (a counter in its body, or declared).
    lockout: bool = False
    # Why its limit status is unknown (a router no app includes), for the message.
    unknown_because: str = ""
    # Where what exempts it is written, when not at its def (`throttle_classes = []`).
    exempt_site: Optional[tuple[str, Span]] = None

    def describe(self) -> str:
        if self.methods is None:
            method = "ANY"
        else:
            mutating = sorted(self.methods & MUTATING_METHODS)
            method = ", ".join(mutating or sorted(self.methods))
        return f"{method} {self.full_path or '/'}"

    @property
    def sensitive(self) -> bool:
        return is_sensitive(self.names, self.own_paths, self.methods, self.full_path,
                            self.parameters, self.redirects_to_provider)

    @property
    def open_to_anonymous(self) -> bool:
        return not self.authenticated


@dataclass
class Problem:
    """A BL503 finding: a limit that does nothing."""

    path: str
    span: Span
    message: str


@dataclass
class Limiter:
    setup: LimiterSetup
    path: str


@dataclass
class Chain:
    """What applies along every path from a router or blueprint up to its apps."""

    hard: bool = False  # a limit that applies to every route (dependency, middleware)
    defaults: bool = False  # a limiter's default limits
    reached: bool = False  # an app was reached
    exempt: bool = False  # exempted from the default limits


@dataclass
class DrfSettings:
    present: bool = False
    known: bool = True
    classes: frozenset[str] = frozenset()
    rates: frozenset[str] = frozenset()
    rates_set: bool = False
    rates_known: bool = True


def matches_any(name: Optional[str], patterns: Iterable[str]) -> bool:
    return bool(name) and any(name == p or fnmatch.fnmatchcase(name or "", p) for p in patterns)

