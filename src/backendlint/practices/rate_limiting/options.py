"""Options of the rate-limiting practice, `[tool.backendlint.rate-limiting]`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from backendlint.core.practice import PracticeOptions


@dataclass
class RateLimitingOptions(PracticeOptions):
    # Qualified names or fnmatch patterns of the project's own limit decorators,
    # dependencies (`Depends(x)`) and middleware (FastAPI/Starlette `add_middleware`,
    # Django `MIDDLEWARE`).
    decorators: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    middleware: list[str] = field(default_factory=list)
    # Limits are enforced by a proxy or API gateway: only BL503 (broken limits) runs.
    gateway: bool = False
    # Which endpoints BL502 checks: none beyond BL501's, state-changing ones, or every one.
    scope: Literal["sensitive", "mutating", "all"] = "mutating"
