"""The `sarif` format: a SARIF 2.1.0 log that GitHub code scanning tracks correctly.

Every registered rule is described in `tool.driver.rules`, so code scanning can show the rule
help even for rules that found nothing in this run. Paths are relative to the repository root
(`%SRCROOT%`) whatever folder the run started in, and each result has a partial fingerprint
that ignores line numbers, so alerts follow code that moves.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from backendlint import __version__
from backendlint.core.findings import Confidence, Finding, Severity
from backendlint.core.registry import all_rules
from backendlint.core.rule import Rule
from backendlint.output import Report, printable
from backendlint.ruledocs import doc_section, rule_body, rule_markdown, short_description

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/backendlint/backendlint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "backendlint/v1"
# Code scanning shows at most this many results of a run (it accepts 25,000).
DISPLAY_LIMIT = 5000
# Code scanning keeps description texts up to this length.
_DESCRIPTION_LIMIT = 1000

# SARIF's result rank is a 0-100 relevance; code scanning sorts alerts by it.
_RANK = {Confidence.HIGH: 90.0, Confidence.MEDIUM: 60.0, Confidence.LOW: 30.0}
# Base scores (CVSS-like, 0-10) of the weaknesses the security rules report. Code scanning
# ranks 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, below that low.
_CWE_SCORE = {
    89: 8.8,   # SQL injection
    256: 7.5,  # plaintext storage of a password
    916: 7.4,  # password hash with insufficient computational effort
    328: 6.5,  # weak hash
    307: 6.5,  # no limit on authentication attempts
    208: 5.3,  # timing discrepancy (comparing hashes with ==)
    770: 5.0,  # resources allocated without limits (write endpoints without a rate limit)
}
_DEFAULT_SCORE = 5.0
# A rule that warns rather than errs reports a likelier-benign pattern: lower its rank.
_WARNING_PENALTY = 1.5


def render(report: Report) -> str:
    findings = sorted(report.findings, key=Finding.sort_key)
    descriptors, index_of = _rule_descriptors(findings)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "backendlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "automationDetails": {"id": f"{report.sarif_category}/"},
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(report.root or report.base)}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(report, finding, index_of) for finding in findings],
        "invocations": [_invocation(report)],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule_descriptors(findings: list[Finding]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Descriptors of all registered rules, plus any code a finding has that none of them has
    (a rule outside the registry, such as a test rule), so every result has a ruleIndex."""
    descriptors = [_registered_rule(rule) for rule in all_rules()]
    index_of = {descriptor["id"]: index for index, descriptor in enumerate(descriptors)}
    for finding in findings:
        if finding.code not in index_of:
            index_of[finding.code] = len(descriptors)
            descriptors.append(_unregistered_rule(finding))
    return descriptors, index_of


def security_severity(rule: type[Rule]) -> str:
    """The rule's rank for code scanning, from its weakness and its severity."""
    score = _CWE_SCORE.get(rule.cwe or 0, _DEFAULT_SCORE)
    if rule.severity is Severity.WARNING:
        score -= _WARNING_PENALTY
    return f"{min(max(score, 0.1), 10.0):.1f}"


def help_uri(code: str) -> str:
    """The rule's page in the documentation of this very release."""
    return f"{INFORMATION_URI}/blob/v{__version__}/docs/rules/{code}.md"


def _registered_rule(rule: type[Rule]) -> dict[str, Any]:
    summary = short_description(rule)
    full = " ".join((doc_section(rule, "What it does") or summary).split())
    if len(full) > _DESCRIPTION_LIMIT:
        full = full[:_DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    properties: dict[str, Any] = {
        "tags": _tags(rule.practice, rule.cwe),
        "precision": rule.confidence.value,
    }
    if rule.cwe is not None:
        properties["security-severity"] = security_severity(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "helpUri": help_uri(rule.code),
        "help": {"text": rule_body(rule), "markdown": rule_markdown(rule)},
        "defaultConfiguration": {
            "level": _level(rule.severity),
            "enabled": rule.default_enabled,
        },
        "properties": properties,
    }


def _unregistered_rule(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": _level(finding.severity)},
        "properties": {"tags": _tags(finding.practice, None), "precision": "high"},
    }


def _tags(practice: str, cwe: int | None) -> list[str]:
    tags = [practice]
    if cwe is not None:
        tags += ["security", f"external/cwe/cwe-{cwe}"]
    return tags


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _result(report: Report, finding: Finding, index_of: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index_of[finding.code],
        "level": _level(finding.severity),
        "rank": _RANK[finding.confidence],
        "message": {"text": printable(finding.message)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": _artifact_location(report.root_path(finding.path)),
                "region": _region(finding),
            }
        }],
        "properties": {"confidence": finding.confidence.value},
    }
    fingerprint = report.fingerprints.get(id(finding))
    if fingerprint is not None:
        result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if finding.related:
        result["relatedLocations"] = [{
            "id": number,
            "message": {"text": printable(item.message)},
            "physicalLocation": {
                "artifactLocation": _artifact_location(report.root_path(item.path)),
                "region": {"startLine": max(item.line, 1),
                           "startColumn": max(item.column, 1)},
            },
        } for number, item in enumerate(finding.related, start=1)]
    return result


def _artifact_location(path: str) -> dict[str, str]:
    for flavour in (PurePosixPath, PureWindowsPath):
        if flavour(path).is_absolute():
            return {"uri": flavour(path).as_uri()}
    # The bytes of the name, so a name that is not UTF-8 (surrogates here) is a valid URI.
    return {"uri": quote(path.encode("utf-8", "surrogateescape"), safe="/"),
            "uriBaseId": SRCROOT}


def _directory_uri(directory: Path) -> str:
    uri = directory.resolve().as_uri()
    # SARIF requires a base URI to end with a slash, or relative URIs replace its last segment.
    return uri if uri.endswith("/") else uri + "/"


def _region(finding: Finding) -> dict[str, int]:
    """A region the schema and code scanning accept, whatever positions the finding has:
    1-based, the end not before the start, and at least one character on a single line."""
    start_line = max(finding.line, 1)
    start_column = max(finding.column, 1)
    end_line = max(finding.end_line, start_line)
    end_column = max(finding.end_column, 1)
    if end_line == start_line and end_column <= start_column:
        end_column = start_column + 1
    return {"startLine": start_line, "startColumn": start_column,
            "endLine": end_line, "endColumn": end_column}


def _invocation(report: Report) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": printable(error)}}
            for error in report.errors
        ]
    return invocation
