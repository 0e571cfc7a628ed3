"""Options of `[tool.backendlint.access-control]`."""

from __future__ import annotations

from dataclasses import dataclass, field

from backendlint.core.practice import PracticeOptions


@dataclass
class AccessControlOptions(PracticeOptions):
    # fnmatch patterns of endpoints meant to be public, matched against the URL path
    # (`/public/*`) and the view's qualified name (`app.views.landing_*`).
    public: list[str] = field(default_factory=list)
    # Qualified names or fnmatch patterns of the project's own decorators and FastAPI
    # dependencies that require an authenticated user (`app.auth.require_member`).
    auth_decorators: list[str] = field(default_factory=list)
    auth_dependencies: list[str] = field(default_factory=list)
    # Regular expressions of further secret names for BL604 and BL607.
    secret_names: list[str] = field(default_factory=list)
