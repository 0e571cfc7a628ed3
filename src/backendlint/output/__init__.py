"""Output formats. Each module renders a Report to text: `render(report) -> str`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from backendlint.diagnostics import Finding
from backendlint.gitdiff import relative_to_root

FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")
# Formats for machines: --statistics does not replace their findings.
MACHINE_FORMATS = ("json-lines", "sarif", "github", "gitlab", "junit")


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
    # Stable fingerprints by id(finding) (see fingerprints.py), for SARIF and GitLab.
    fingerprints: dict[int, str] = field(default_factory=dict)
    # What display paths are relative to (the working directory), and the repository root
    # that SARIF, GitLab and GitHub paths are relative to.
    base: Path = field(default_factory=Path.cwd)
    root: Optional[Path] = None
    sarif_category: str = "backendlint"
    # Findings left out because the baseline knows them.
    baselined: int = 0

    def root_path(self, display_path: str) -> str:
        """A finding's path relative to the repository root (POSIX)."""
        if self.root is None:
            return display_path
        return relative_to_root(display_path, self.base, self.root)


def render(report: Report, output_format: str) -> str:
    from backendlint.output import github, gitlab, json_format, jsonlines, junit, sarif, text

    renderers: dict[str, Callable[[Report], str]] = {
        "full": text.render_full,
        "concise": text.render_concise,
        "json": json_format.render,
        "json-lines": jsonlines.render,
        "sarif": sarif.render,
        "github": github.render,
        "gitlab": gitlab.render,
        "junit": junit.render,
    }
    return renderers[output_format](report)
