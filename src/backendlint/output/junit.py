"""The `junit` format: JUnit XML, which most CI systems show as a test report. Each linted
file with findings is a test case that fails with one line per finding; a clean run is one
passing case, so the report is never empty."""

from __future__ import annotations

from xml.etree import ElementTree

from backendlint.core.findings import Finding
from backendlint.output import Report


def render(report: Report) -> str:
    findings = sorted(report.findings, key=Finding.sort_key)
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    suites = ElementTree.Element("testsuites", name="backendlint", tests=str(max(len(by_path), 1)),
                                 failures=str(len(by_path)), errors=str(len(report.errors)))
    suite = ElementTree.SubElement(suites, "testsuite", name="backendlint",
                                   tests=str(max(len(by_path), 1)),
                                   failures=str(len(by_path)), errors=str(len(report.errors)))
    if not by_path:
        ElementTree.SubElement(suite, "testcase", name="backendlint", classname="backendlint")
    for path, group in by_path.items():
        case = ElementTree.SubElement(suite, "testcase", name=path, classname="backendlint",
                                      file=report.root_path(path))
        for finding in group:
            failure = ElementTree.SubElement(
                case, "failure", type=finding.code,
                message=f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
                        f"{finding.message}")
            failure.text = (f"{finding.code} {finding.name} ({finding.severity.value}) at "
                            f"line {finding.line}, column {finding.column}")
    if report.errors:
        # JUnit puts errors inside a test case: one for the run's internal errors.
        case = ElementTree.SubElement(suite, "testcase", name="backendlint run",
                                      classname="backendlint")
        for problem in report.errors:
            ElementTree.SubElement(case, "error", message=problem).text = problem
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
