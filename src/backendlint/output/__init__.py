"""Output formats. Each module renders a Report to text: `render(report) -> str`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from backendlint.core.findings import Finding

FORMATS = ("full", "concise", "json", "sarif", "github")


@dataclass
class Report:
    findings: list[Finding]
    files: int
    suppressed: int = 0
    # Findings whose fixes were applied (for --show-fixes and the summary).
    fixed: list[Finding] = field(default_factory=list)
    # Internal errors; when present the run was not fully successful (exit 2).
    errors: list[str] = field(default_factory=list)
    # Source lines of a displayed path (None when unreadable); used for the caret view.
    source_lines: Callable[[str], Optional[list[str]]] = lambda path: None
    statistics: bool = False
    show_fixes: bool = False
    quiet: bool = False
    # Whether fixes that --fix / --unsafe-fixes would apply are available (summary hint).
    unsafe_fixes_enabled: bool = False
    color: bool = False


def render(report: Report, output_format: str) -> str:
    from backendlint.output import github, json_format, sarif, text

    renderers: dict[str, Callable[[Report], str]] = {
        "full": text.render_full,
        "concise": text.render_concise,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
    }
    return renderers[output_format](report)
