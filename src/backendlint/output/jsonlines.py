"""The `json-lines` format: one finding per line, the same objects as in `json`, no summary:
easy to stream, grep and load into other tools."""

from __future__ import annotations

import json

from backendlint.core.findings import Finding
from backendlint.output import Report
from backendlint.output.json_format import finding_object


def render(report: Report) -> str:
    findings = sorted(report.findings, key=Finding.sort_key)
    return "".join(json.dumps(finding_object(finding), ensure_ascii=False) + "\n"
                   for finding in findings)
