"""The project pass split over two processes gives what one process gives, in the same
order, and falls back to one process when the other dies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backendlint.config import settings_for
from backendlint.core import project_pass
from backendlint.core.findings import Finding
from backendlint.core.pipeline import RunResult, finish_run, lint_files
from backendlint.core.project_pass import ProjectOutput, _joined

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _demo_run(jobs: int) -> RunResult:
    settings = settings_for(EXAMPLES, config_path=EXAMPLES / "backendlint.toml")
    files = [(path, str(path.relative_to(EXAMPLES))) for path in sorted(EXAMPLES.rglob("*.py"))]
    return finish_run(lint_files(files, settings), settings, jobs=jobs)


def _shown(run: RunResult) -> list[tuple[str, int, int, str, str]]:
    return [(f.path, f.line, f.column, f.code, f.message) for f in run.findings]


@pytest.fixture
def split_always(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Split even the small demo, and count the runs that did split."""
    monkeypatch.setattr(project_pass, "MIN_MODULES_TO_SPLIT", 1)
    splits: list[int] = []
    original = project_pass._run_apart

    def counted(*args: object) -> list[ProjectOutput]:
        splits.append(os.getpid())
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(project_pass, "_run_apart", counted)
    return splits


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the split needs fork")
def test_two_processes_report_what_one_does(split_always: list[int]) -> None:
    alone = _demo_run(jobs=1)
    apart = _demo_run(jobs=2)
    assert split_always == [os.getpid()]  # only the jobs=2 run split
    assert _shown(apart) == _shown(alone)
    assert apart.errors == alone.errors == [] and apart.notes == alone.notes
    codes = {f.code for f in alone.findings}
    # both halves found something: async-blocking's BL107 and another practice's rules
    assert "BL107" in codes and {"BL601", "BL501"} & codes


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the split needs fork")
def test_a_dead_child_leaves_its_practices_to_this_process(
        split_always: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _demo_run(jobs=1)
    # The child runs the patched function (it is forked with it) and dies at once.
    monkeypatch.setattr(project_pass, "_run_inherited", lambda: os._exit(3))
    apart = _demo_run(jobs=2)
    assert split_always and _shown(apart) == _shown(alone)


def test_small_runs_and_single_jobs_stay_in_one_process() -> None:
    assert not project_pass._worth_splitting(10, jobs=2)
    assert not project_pass._worth_splitting(500, jobs=1)
    assert not project_pass._worth_splitting(project_pass.MAX_MODULES_TO_SPLIT, jobs=2)


def _finding(code: str, practice: str) -> Finding:
    from backendlint.core.findings import Severity

    return Finding(code, "name", practice, Severity.ERROR, f"{code} message", "app.py", 1, 1,
                   1, 2)


def test_outputs_join_in_code_order_with_each_note_once() -> None:
    later = ProjectOutput(findings={"type-hints": [_finding("BL201", "type-hints")]},
                          errors=[("type-hints", "internal error in BL201")],
                          superseded={("app.py", 1, 1, "BL202")},
                          notes={"type-hints": ["router not attached", "shared note"]})
    first = ProjectOutput(findings={"async-blocking": [_finding("BL107", "async-blocking")]},
                          errors=[("async-blocking", "internal error in BL107")],
                          notes={"async-blocking": ["shared note"]})
    findings, errors, superseded, notes = _joined([later, first])
    assert [f.code for f in findings] == ["BL107", "BL201"]
    assert errors == ["internal error in BL107", "internal error in BL201"]
    assert superseded == {("app.py", 1, 1, "BL202")}
    assert notes == ["shared note", "router not attached"]
