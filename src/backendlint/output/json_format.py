"""The `json` format: every finding with its fix, and a summary, for scripts and editors."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from backendlint import __version__
from backendlint.core.findings import Finding, Severity
from backendlint.output import Report


def render(report: Report) -> str:
    findings = sorted(report.findings, key=Finding.sort_key)
    document = {
        "version": __version__,
        "findings": [finding_object(finding) for finding in findings],
        "summary": _summary(report, findings),
    }
    if report.statistics:
        document["statistics"] = _statistics(findings)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_object(finding: Finding) -> dict[str, Any]:
    data = finding.to_json()
    # Suppression lines are an engine detail for the cache, not part of the public format.
    del data["noqa_lines"]
    return data


def _statistics(findings: list[Finding]) -> list[dict[str, Any]]:
    """Counts per rule, most frequent first (what --statistics prints as a table)."""
    counts = Counter(finding.code for finding in findings)
    names = {finding.code: finding.name for finding in findings}
    fixable = {finding.code for finding in findings if finding.fix is not None}
    return [{"code": code, "name": names[code], "count": count, "fixable": code in fixable}
            for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _summary(report: Report, findings: list[Finding]) -> dict[str, Any]:
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    by_code = Counter(finding.code for finding in findings)
    return {
        "files": report.files,
        "findings": len(findings),
        "errors": errors,
        "warnings": len(findings) - errors,
        "suppressed": report.suppressed,
        "fixed": len(report.fixed),
        "by_code": dict(sorted(by_code.items())),
    }
