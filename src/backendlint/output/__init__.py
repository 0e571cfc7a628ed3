"""Output formats. Each module renders a Report to text: `render(report) -> str`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from backendlint.core.findings import Finding
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
    return "".join(render_chunks(report, output_format))


def render_chunks(report: Report, output_format: str) -> Iterator[str]:
    """The report as pieces of text, written one after another (`render` joins them): the
    human formats come a thousand findings at a time, so a big report is never held whole;
    the others as one piece."""
    import importlib

    module_name, function_name = _RENDERERS[output_format]
    # Only the format asked for is imported (JUnit's XML library alone cost a warm run more
    # than rendering its concise report).
    renderer = getattr(importlib.import_module(f"backendlint.output.{module_name}"),
                       function_name)
    # SARIF writes paths as URIs, percent-encoding their bytes; the others print them.
    shown = report if output_format == "sarif" else printable_report(report)
    if output_format in _STREAMED:
        chunks: Iterator[str] = renderer(shown)
        return chunks
    return iter((renderer(shown),))


# Format -> (module of backendlint.output, its function); the streamed ones yield pieces.
_RENDERERS: dict[str, tuple[str, str]] = {
    "full": ("text", "full_chunks"),
    "concise": ("text", "concise_chunks"),
    "json": ("json_format", "render"),
    "json-lines": ("jsonlines", "render"),
    "sarif": ("sarif", "render"),
    "github": ("github", "render"),
    "gitlab": ("gitlab", "render"),
    "junit": ("junit", "render"),
}
_STREAMED = frozenset({"full", "concise"})


# Lone surrogates: a file name that is not UTF-8 decodes to them (surrogateescape), and no
# output can encode them (writing the report failed with UnicodeEncodeError).
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Text with each byte that was not UTF-8 written `\\xNN` (other lone surrogates
    `\\uNNNN`), so the report can be written whatever the file names are."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _printable_finding(finding: Finding) -> Finding:
    path, message = printable(finding.path), printable(finding.message)
    if path is finding.path and message is finding.message:
        return finding
    return dataclasses.replace(finding, path=path, message=message)


def printable_report(report: Report) -> Report:
    """The report with printable paths and messages (its source lines still found under the
    real names)."""
    findings = [_printable_finding(finding) for finding in report.findings]
    fixed = [_printable_finding(finding) for finding in report.fixed]
    errors = [printable(error) for error in report.errors]
    real = {shown.path: original.path for shown, original
            in zip(findings + fixed, report.findings + report.fixed)
            if shown.path != original.path}
    if not real and errors == report.errors and all(
            shown is original for shown, original in zip(findings, report.findings)):
        return report
    source_lines = report.source_lines
    return dataclasses.replace(report, findings=findings, fixed=fixed, errors=errors,
                               source_lines=lambda path: source_lines(real.get(path, path)))
