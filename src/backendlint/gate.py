"""What a CI gate keeps of a run's findings: confidence threshold, baseline, changed lines,
and whether what is left fails the build."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from backendlint.core.findings import CONFIDENCE_LEVELS, Finding, Related, Severity


def confident_enough(findings: list[Finding], minimum: Optional[str]) -> list[Finding]:
    """Findings at least as certain as `minimum` (high > medium > low)."""
    if minimum is None:
        return findings
    allowed = set(CONFIDENCE_LEVELS[:CONFIDENCE_LEVELS.index(minimum) + 1])
    return [f for f in findings if (f.confidence or "high") in allowed]


def on_changed_lines(findings: list[Finding], changed: dict[Path, set[int]], base: Path
                     ) -> list[Finding]:
    """Findings on a changed line, or whose related locations (the chain of a project-level
    finding, a limiter's setup) touch one. An empty line set means a new file: all of it."""

    def touched(path: str, first: int, last: int) -> bool:
        lines = changed.get((base / path).resolve())
        if lines is None:
            return False
        return not lines or any(line in lines for line in range(first, last + 1))

    def related_touched(item: Related) -> bool:
        return touched(item.path, item.line, item.line)

    return [f for f in findings
            if touched(f.path, f.line, max(f.end_line, f.line))
            or any(related_touched(item) for item in f.related)]


def fails(findings: list[Finding], fail_on: str) -> bool:
    """Whether the findings fail the gate: `warning` fails on any, `error` on errors only."""
    if fail_on == "error":
        return any(f.severity is Severity.ERROR for f in findings)
    return bool(findings)
