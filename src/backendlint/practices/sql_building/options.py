"""Options of the sql-building practice, read from `[tool.backendlint.sql-building]`."""

from __future__ import annotations

from dataclasses import dataclass, field

from backendlint.core.practice import PracticeOptions


@dataclass
class SqlBuildingOptions(PracticeOptions):
    # Qualified names or fnmatch patterns of project calls that execute SQL (`app.db.run`).
    extra_sinks: list[str] = field(default_factory=list)
    # Qualified names or patterns whose results are safe to interpolate (an allow-list helper).
    extra_safe_functions: list[str] = field(default_factory=list)
