"""The `gitlab` format: a GitLab Code Quality report (the `codequality` artifact), which GitLab
shows in merge requests. Paths are relative to the repository root, and each finding carries
the stable fingerprint GitLab uses to tell new findings from old ones."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from backendlint.core.findings import Finding, Severity
from backendlint.core.registry import all_rules
from backendlint.output import Report

# GitLab's scale is info, minor, major, critical, blocker; security errors rank higher.
_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render(report: Report) -> str:
    findings = sorted(report.findings, key=Finding.sort_key)
    security = {rule.code for rule in all_rules() if rule.cwe is not None}
    issues = [_issue(report, finding, finding.code in security) for finding in findings]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(report: Report, finding: Finding, is_security: bool) -> dict[str, Any]:
    path = report.root_path(finding.path)
    stable = report.fingerprints.get(id(finding)) or \
        f"{finding.code}:{path}:{finding.line}:{finding.column}"
    severity = "critical" if is_security and finding.severity is Severity.ERROR \
        else _SEVERITY[finding.severity]
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.code} {finding.message}",
        "categories": ["Security"] if is_security else ["Bug Risk"],
        "severity": severity,
        # GitLab compares fingerprints between the source and target branch's reports.
        "fingerprint": hashlib.md5(stable.encode("utf-8", "surrogateescape"),
                                   usedforsecurity=False).hexdigest(),
        "location": {"path": path, "lines": {"begin": finding.line,
                                             "end": max(finding.end_line, finding.line)}},
    }
