"""--add-noqa, the file-level exemption, --fail-on and --min-confidence."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from test_cli import backendlint

from backendlint.core.findings import Finding, Severity
from backendlint.noqa_writer import with_noqa


def finding(line: int, code: str = "BL101", noqa: tuple[int, ...] = ()) -> Finding:
    return Finding(code, "x", "async-blocking", Severity.ERROR, "m", "a.py", line, 1, line, 2,
                   noqa_lines=noqa or (line,))


def test_noqa_is_appended_and_merged() -> None:
    text = ("a = f()\n"
            "b = g()  # noqa: E501\n"
            "c = h()  # a remark\n"
            "d = k()  # noqa\n"
            "e = m()  # backendlint: ignore[BL102]\n")
    edited, added, problems = with_noqa(text, [finding(1), finding(1, "BL201"), finding(2),
                                               finding(3), finding(4), finding(5)])
    assert edited.splitlines() == [
        "a = f()  # noqa: BL101, BL201",
        "b = g()  # noqa: E501, BL101",
        "c = h()  # a remark  # noqa: BL101",
        "d = k()  # noqa",
        "e = m()  # backendlint: ignore[BL102, BL101]",
    ]
    assert (added, problems) == (4, [])


def test_noqa_never_goes_inside_a_string_or_after_a_continuation() -> None:
    text = ('query = """\n'
            'SELECT 1\n'
            '""" + name\n'
            'total = 1 + \\\n'
            '    2\n')
    # The first finding is on line 1 (inside the string from there on), the statement ends on
    # line 3; the second starts a backslash-continued statement that ends on line 5.
    edited, added, _ = with_noqa(text, [finding(1, noqa=(1, 3)), finding(4, noqa=(4, 5))])
    assert edited.splitlines() == ['query = """', "SELECT 1", '""" + name  # noqa: BL101',
                                   "total = 1 + \\", "    2  # noqa: BL101"]
    ast.parse(edited)
    assert added == 2


def test_noqa_keeps_crlf_line_endings() -> None:
    edited, _, _ = with_noqa("a = f()\r\nb = 2\r\n", [finding(1)])
    assert edited == "a = f()  # noqa: BL101\r\nb = 2\r\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    return tmp_path


SLEEPY = ("import time\n\n\nasync def a() -> None:\n    time.sleep(1)\n"
          "    query = f'''\n    SELECT {a}\n    '''\n")


def test_add_noqa_command_then_the_run_is_clean(project: Path) -> None:
    (project / "api.py").write_text(SLEEPY)
    result = backendlint("--add-noqa", ".", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Added 1 noqa comments to 1 files" in result.stdout
    assert "time.sleep(1)  # noqa: BL101" in (project / "api.py").read_text()
    assert backendlint(".", cwd=project).returncode == 0


def test_file_level_exemption(project: Path) -> None:
    (project / "all.py").write_text("# backendlint: noqa\n" + SLEEPY)
    (project / "some.py").write_text("# backendlint: noqa: BL102, blocking-sleep-in-async\n"
                                     + SLEEPY + "def f(x):\n    return x\n")
    result = backendlint("--output-format", "json", "--extend-select", "BL002", ".",
                         cwd=project)
    codes = [(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    # some.py: BL101 exempted, its type-hint findings are not; BL102 named but unused: BL002.
    assert ("all.py", "BL101") not in codes and ("some.py", "BL101") not in codes
    assert ("some.py", "BL201") in codes and ("some.py", "BL002") in codes
    assert not [code for path, code in codes if path == "all.py"]
    # The same from the cache, which keeps what kind of directive each comment is.
    warm = backendlint("--output-format", "json", "--extend-select", "BL002", ".",
                       cwd=project)
    assert sorted((f["path"], f["code"]) for f in json.loads(warm.stdout)["findings"]) == \
        sorted(codes)


def test_fail_on_error_lets_warnings_pass(project: Path) -> None:
    # BL108 is a warning, BL101 an error.
    (project / "warn.py").write_text(
        "import os\n\n\nasync def a() -> bool:\n    return os.path.exists('x')\n")
    assert backendlint(".", cwd=project).returncode == 1
    assert backendlint("--fail-on", "error", ".", cwd=project).returncode == 0
    (project / "err.py").write_text(SLEEPY)
    assert backendlint("--fail-on", "error", ".", cwd=project).returncode == 1


def test_min_confidence_filters_by_the_findings_confidence(project: Path) -> None:
    (project / "views.py").write_text(
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/login', methods=['POST'])\ndef login() -> str:\n    return 'ok'\n")
    every = json.loads(backendlint("--output-format", "json", ".", cwd=project).stdout)
    levels = {f["code"]: f["confidence"] for f in every["findings"]}
    assert levels and all(level in ("high", "medium", "low") for level in levels.values())
    high = json.loads(backendlint("--output-format", "json", "--min-confidence", "high", ".",
                                  cwd=project).stdout)
    assert {f["confidence"] for f in high["findings"]} <= {"high"}
    assert len(high["findings"]) < len(every["findings"])
