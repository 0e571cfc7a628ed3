"""Options of the rate-limiting practice, `[tool.backendlint.rate-limiting]`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from backendlint.core.practice import PracticeOptions

Scope = Literal["sensitive", "anonymous", "all-mutating", "mutating", "all"]


@dataclass
class RateLimitingOptions(PracticeOptions):
    # Qualified names or fnmatch patterns of the project's own limit decorators,
    # dependencies (`Depends(x)`) and middleware (FastAPI/Starlette `add_middleware`,
    # Django `MIDDLEWARE`).
    decorators: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    middleware: list[str] = field(default_factory=list)
    # Views (qualified names or patterns; "*" for all) whose credentials are locked out
    # after repeated failures by code backendlint cannot see: BL501 does not report them.
    lockout: list[str] = field(default_factory=list)
    # Limits are enforced by a proxy or API gateway: only BL503 (broken limits) runs.
    gateway: bool = False
    # Which endpoints BL502 checks besides BL501's: none ("sensitive"), state-changing ones
    # anonymous clients can reach ("anonymous", the default), every state-changing one
    # ("all-mutating"; "mutating" is its old name), or every endpoint ("all").
    scope: Scope = "anonymous"
