"""Fingerprints that survive moved code, and the baseline file's life: stale entries, pruning."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import backendlint

from backendlint.core.findings import Finding, Severity
from backendlint.fingerprints import fingerprints

BEFORE = '''\
import time


async def handler() -> None:
    time.sleep(1)
    time.sleep(1)


class Service:
    async def run(self) -> None:
        time.sleep(2)
'''

AFTER = '''\
"""A docstring and some lines that push everything down."""
import time

X = 1


if True:
  async def handler() -> None:
    value = 2  # a new line in the function changes nothing for the others
    time.sleep( 1 )
    time.sleep(1)  # and a comment


class Service:
  async def run(self) -> None:
      time.sleep(2)
'''


def sleep_at(line: int, column: int = 5) -> Finding:
    return Finding("BL101", "blocking-sleep-in-async", "async-blocking", Severity.ERROR,
                   "`time.sleep()` blocks", "app/api.py", line, column, line, column + 13)


def prints(text: str, lines: list[int]) -> list[str]:
    findings = [sleep_at(line) for line in lines]
    by_id = fingerprints(findings, lambda path: text, lambda path: path)
    return [by_id[id(f)] for f in findings]


def test_fingerprints_ignore_line_numbers_indentation_and_comments() -> None:
    before = prints(BEFORE, [5, 6, 11])
    after = prints(AFTER, [10, 11, 16])
    assert before == after
    assert len(set(before)) == 3  # two identical calls differ by their occurrence index
    assert before[0].rsplit(":", 1)[1] == "0" and before[1].rsplit(":", 1)[1] == "1"


def test_fingerprints_differ_by_enclosing_function_code_and_path() -> None:
    text = "import time\n\n\nasync def a():\n    time.sleep(1)\n\n\nasync def b():\n" \
           "    time.sleep(1)\n"
    first, second = prints(text, [5, 9])
    assert first != second
    other_path = fingerprints([sleep_at(5)], lambda path: text, lambda path: "app/other.py")
    assert first not in other_path.values()


def test_fingerprint_of_an_unparsable_file_uses_the_line_text() -> None:
    assert prints("def f(:\n", [1]) == prints("\n\n  def f(:\n", [3])


def test_stale_entries_are_reported_and_pruned(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    api = tmp_path / "api.py"
    api.write_text("import time\n\n\nasync def a() -> None:\n    time.sleep(1)\n\n\n"
                   "async def b() -> None:\n    time.sleep(1)\n")
    assert backendlint("--write-baseline", "bl.json", ".", cwd=tmp_path).returncode == 0
    assert len(json.loads((tmp_path / "bl.json").read_text())["findings"]) == 2
    api.write_text("import time\n\n\nasync def a() -> None:\n    time.sleep(1)\n")
    result = backendlint("--baseline", "bl.json", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert "1 baseline entries no longer match" in result.stderr
    assert "1 known findings left out by the baseline" in result.stdout or \
        "1 in the baseline" in result.stdout
    pruned = backendlint("--baseline", "bl.json", "--prune-baseline", ".", cwd=tmp_path)
    assert pruned.returncode == 0 and "removed 1 stale" in pruned.stderr
    entries = json.loads((tmp_path / "bl.json").read_text())["findings"]
    assert [(e["path"], e["code"]) for e in entries] == [("api.py", "BL101")]
    again = backendlint("--baseline", "bl.json", ".", cwd=tmp_path)
    assert "no longer match" not in again.stderr


def test_baseline_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "api.py").write_text(
        "import time\n\n\nasync def a() -> None:\n    time.sleep(1)\n")
    assert backendlint("--write-baseline", "../bl.json", ".", cwd=tmp_path / "app"
                       ).returncode == 0
    entries = json.loads((tmp_path / "bl.json").read_text())["findings"]
    assert [e["path"] for e in entries] == ["app/api.py"]
    # The same baseline gates a run from the root.
    assert backendlint("--baseline", "bl.json", ".", cwd=tmp_path).returncode == 0


def test_a_broken_baseline_file_exits_two(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "a.py").write_text("X = 1\n")
    (tmp_path / "bl.json").write_text("{not json")
    result = backendlint("--baseline", "bl.json", ".", cwd=tmp_path)
    assert result.returncode == 2 and "baseline is not valid JSON" in result.stderr
