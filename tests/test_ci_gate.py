"""The CI gate on a codebase with hundreds of findings, as a team adopts it: write a baseline,
move code around (still green), add one blocking call (red, with exactly that finding); the
same with --diff-base in a git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import assert_no_traceback, backendlint

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COPIES = 5
REPORTS = "svc0/fastapi_service/routers/reports.py"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci",
                           *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for index in range(COPIES):
        shutil.copytree(EXAMPLES, tmp_path / f"svc{index}",
                        ignore=shutil.ignore_patterns("backendlint.toml", "README.md"))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.backendlint]\nextend-select = ["BL002", "BL204"]\n')
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("add", ".", cwd=tmp_path)
    git("commit", "-q", "-m", "the application", cwd=tmp_path)
    return tmp_path


def move_code(path: Path) -> None:
    """Ten lines at the top, and render_pdf re-indented from four spaces to two."""
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("async def render_pdf"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("@"))
    for i in range(start + 1, end):
        stripped = lines[i].lstrip(" ")
        lines[i] = " " * ((len(lines[i]) - len(stripped)) // 2) + stripped
    path.write_text("".join([f"# moved line {n}\n" for n in range(10)] + lines))


def add_blocking_call(path: Path) -> int:
    """`time.sleep(1)` as the first line of report_template (an async def that already has a
    finding); returns its line number."""
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "async def report_template" in line) + 1
    lines.insert(at, "    time.sleep(1)\n")
    path.write_text("".join(lines))
    return at + 1


def findings_of(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]]


def test_baseline_gate_survives_moves_and_catches_one_new_call(repo: Path) -> None:
    written = backendlint("--write-baseline", "baseline.json", ".", cwd=repo)
    assert written.returncode == 0, written.stderr
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert len(entries) >= 300
    assert entries == sorted(entries, key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    assert backendlint("--baseline", "baseline.json", ".", cwd=repo).returncode == 0

    move_code(repo / REPORTS)
    moved = backendlint("--baseline", "baseline.json", ".", cwd=repo)
    assert moved.returncode == 0, moved.stdout
    assert "no longer match" not in moved.stderr

    line = add_blocking_call(repo / REPORTS)
    gate = backendlint("--baseline", "baseline.json", "--output-format", "json", ".", cwd=repo)
    assert gate.returncode == 1
    assert findings_of(gate) == [(REPORTS, line, "BL101")]


def test_diff_base_gate_reports_only_the_new_call(repo: Path) -> None:
    git("checkout", "-q", "-b", "feature", cwd=repo)
    move_code(repo / REPORTS)
    git("commit", "-q", "-am", "move code", cwd=repo)
    moved = backendlint("--diff-base", "main", ".", cwd=repo)
    assert moved.returncode == 0, moved.stdout + moved.stderr

    line = add_blocking_call(repo / REPORTS)  # uncommitted: the work tree counts
    gate = backendlint("--diff-base", "main", "--output-format", "json", ".", cwd=repo)
    assert gate.returncode == 1
    assert findings_of(gate) == [(REPORTS, line, "BL101")]
    # Run from a sub-directory: the same finding, with paths relative to that folder.
    inner = backendlint("--diff-base", "main", "--output-format", "json", ".",
                        cwd=repo / "svc0")
    assert findings_of(inner) == [(REPORTS.removeprefix("svc0/"), line, "BL101")]


def test_diff_base_counts_a_new_untracked_file_as_changed(repo: Path) -> None:
    (repo / "svc0" / "late.py").write_text(
        "import time\n\n\nasync def nap() -> None:\n    time.sleep(1)\n")
    gate = backendlint("--diff-base", "main", "--output-format", "json", ".", cwd=repo)
    assert findings_of(gate) == [("svc0/late.py", 5, "BL101")]


def test_diff_base_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("VALUE = 1\n")
    result = backendlint("--diff-base", "main", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "--diff-base needs a git repository" in result.stderr
    assert_no_traceback(result)


def test_diff_base_unknown_ref_is_a_clear_error(repo: Path) -> None:
    result = backendlint("--diff-base", "no-such-branch", ".", cwd=repo)
    assert result.returncode == 2
    assert "git merge-base" in result.stderr
    assert_no_traceback(result)


def test_diff_base_reports_a_chain_that_a_changed_helper_now_blocks(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "services.py").write_text("def load() -> str:\n    return 'cached'\n")
    (tmp_path / "views.py").write_text(
        "from services import load\n\n\nasync def view() -> str:\n    return load()\n")
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("add", ".", cwd=tmp_path)
    git("commit", "-q", "-m", "start", cwd=tmp_path)
    (tmp_path / "services.py").write_text(
        "def load() -> str:\n    with open('x') as handle:\n        return handle.read()\n")
    gate = backendlint("--diff-base", "main", "--output-format", "json", ".", cwd=tmp_path)
    # views.py did not change, but the chain from its call goes through the changed lines.
    assert findings_of(gate) == [("views.py", 5, "BL107")]
