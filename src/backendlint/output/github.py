"""The `github` format: workflow commands that GitHub Actions shows as annotations on the diff.

GitHub matches `file=` against paths in the repository, so they are relative to its root,
whatever folder the run started in (as in SARIF).
"""

from __future__ import annotations

from backendlint.core.findings import Finding, Severity
from backendlint.output import Report


def render(report: Report) -> str:
    findings = sorted(report.findings, key=Finding.sort_key)
    return "".join(_annotation(finding, report.root_path(finding.path)) + "\n"
                   for finding in findings)


def _annotation(finding: Finding, path: str) -> str:
    command = "error" if finding.severity is Severity.ERROR else "warning"
    properties = {
        "file": path,
        "line": str(finding.line),
        "col": str(finding.column),
        "endLine": str(finding.end_line),
        "endColumn": str(finding.end_column),
        "title": f"{finding.code} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {joined}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    # The runner decodes these three; any other character is taken literally.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    # In properties, `:` would end the property list and `,` would start a new property.
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
