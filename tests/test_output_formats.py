"""The gitlab (Code Quality), junit and json-lines formats."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from test_output import FINDINGS, HINT, SLEEP, make_report

from backendlint.output import render


def test_gitlab_code_quality_report() -> None:
    prints = {id(SLEEP): "aaa:0", id(HINT): "bbb:0"}
    issues = json.loads(render(make_report(fingerprints=prints, root=Path("/repo"),
                                           base=Path("/repo/sub")), "gitlab"))
    assert [i["check_name"] for i in issues] == ["BL101", "BL301", "BL201"]
    first = issues[0]
    assert set(first) >= {"description", "check_name", "fingerprint", "severity", "location"}
    assert first["location"] == {"path": "sub/app/api.py", "lines": {"begin": 3, "end": 3}}
    assert first["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert issues[2]["severity"] == "minor"  # a warning
    assert len({i["fingerprint"] for i in issues}) == 3
    # The fingerprint follows the stable one, not the line.
    moved = json.loads(render(make_report([SLEEP], fingerprints={id(SLEEP): "aaa:0"}), "gitlab"))
    assert moved[0]["fingerprint"] == first["fingerprint"]
    assert json.loads(render(make_report([]), "gitlab")) == []


def test_junit_report() -> None:
    tree = ElementTree.fromstring(render(make_report(), "junit"))
    assert tree.tag == "testsuites"
    cases = tree.findall("./testsuite/testcase")
    assert [case.get("name") for case in cases] == ["app/api.py", "app/süß.py"]
    failures = cases[0].findall("failure")
    assert [f.get("type") for f in failures] == ["BL101", "BL301"]
    assert "app/api.py:3:5: BL101" in (failures[0].get("message") or "")
    clean = ElementTree.fromstring(render(make_report([]), "junit"))
    assert [c.get("name") for c in clean.findall("./testsuite/testcase")] == ["backendlint"]
    assert clean.find(".//failure") is None
    broken = ElementTree.fromstring(render(make_report([], errors=["boom"]), "junit"))
    assert broken.find(".//error") is not None


def test_json_lines_one_finding_per_line() -> None:
    lines = render(make_report(), "json-lines").splitlines()
    assert len(lines) == len(FINDINGS)
    objects = [json.loads(line) for line in lines]
    assert [o["code"] for o in objects] == ["BL101", "BL301", "BL201"]
    assert "noqa_lines" not in objects[0]
    assert render(make_report([]), "json-lines") == ""


def test_every_format_has_a_renderer_and_only_the_one_asked_for_is_imported() -> None:
    import subprocess
    import sys

    from backendlint import output

    assert set(output._RENDERERS) == set(output.FORMATS)
    script = ("import sys\n"
              "from backendlint.output import Report, render\n"
              "render(Report(findings=[], files=1), 'concise')\n"
              "print(sorted(m for m in sys.modules if m.startswith('backendlint.output.')))\n")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True).stdout
    assert "backendlint.output.text" in shown and "backendlint.output.junit" not in shown
