"""The ecosystem check's diffing and report (benchmarks/ecosystem.py). Pure functions on tiny
in-memory findings; nothing is downloaded, built or run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def eco() -> ModuleType:
    return load("ecosystem_check", BENCHMARKS / "ecosystem.py")


def finding(eco: ModuleType, line: int, code: str = "BL101", message: str = "m",
            path: str = "app/views.py") -> Any:
    return eco.Finding(path, line, code, message)


def test_identical_runs_have_no_changes(eco: ModuleType) -> None:
    runs = [finding(eco, 3), finding(eco, 9, "BL501")]
    assert eco.diff_findings(runs, list(reversed(runs))).empty


def test_added_and_removed_are_told_apart(eco: ModuleType) -> None:
    diff = eco.diff_findings([finding(eco, 3), finding(eco, 5, "BL201")],
                             [finding(eco, 3), finding(eco, 7, "BL301")])
    assert diff.added == [finding(eco, 7, "BL301")]
    assert diff.removed == [finding(eco, 5, "BL201")]
    assert diff.moved == []


def test_a_changed_message_is_a_removal_and_an_addition(eco: ModuleType) -> None:
    diff = eco.diff_findings([finding(eco, 3, message="old")], [finding(eco, 3, message="new")])
    assert [item.message for item in diff.removed] == ["old"]
    assert [item.message for item in diff.added] == ["new"]


def test_same_path_code_and_message_on_another_line_is_moved(eco: ModuleType) -> None:
    diff = eco.diff_findings([finding(eco, 3), finding(eco, 10)],
                             [finding(eco, 4), finding(eco, 12)])
    assert [(move.old_line, move.new_line) for move in diff.moved] == [(3, 4), (10, 12)]
    assert diff.added == [] and diff.removed == []


def test_moves_pair_only_as_many_as_both_sides_have(eco: ModuleType) -> None:
    diff = eco.diff_findings([finding(eco, 3)], [finding(eco, 5), finding(eco, 8)])
    assert [(move.old_line, move.new_line) for move in diff.moved] == [(3, 5)]
    assert diff.added == [finding(eco, 8)]
    assert diff.removed == []


def test_another_file_or_code_is_not_a_move(eco: ModuleType) -> None:
    diff = eco.diff_findings([finding(eco, 3), finding(eco, 5, "BL101")],
                             [finding(eco, 4, path="app/other.py"), finding(eco, 6, "BL102")])
    assert diff.moved == []
    assert len(diff.added) == 2 and len(diff.removed) == 2


def test_duplicates_count_as_a_multiset(eco: ModuleType) -> None:
    diff = eco.diff_findings([finding(eco, 3)], [finding(eco, 3), finding(eco, 3)])
    assert diff.added == [finding(eco, 3)]
    assert diff.removed == [] and diff.moved == []
    fewer = eco.diff_findings([finding(eco, 3), finding(eco, 3)], [finding(eco, 3)])
    assert fewer.removed == [finding(eco, 3)]
    assert fewer.added == [] and fewer.moved == []


def test_counts_by_rule_over_several_projects(eco: ModuleType) -> None:
    first = eco.diff_findings([finding(eco, 1, "BL201")], [finding(eco, 2, "BL301")])
    second = eco.diff_findings([], [finding(eco, 2, "BL301", path="b.py")])
    moved = eco.diff_findings([finding(eco, 1)], [finding(eco, 2)])
    assert eco.counts_by_rule([first, second, moved]) == {
        "BL101": (0, 0, 1), "BL201": (0, 1, 0), "BL301": (2, 0, 0)}


def test_examples_are_capped_per_rule_and_kind(eco: ModuleType) -> None:
    diff = eco.diff_findings([], [finding(eco, line) for line in range(1, 6)]
                             + [finding(eco, 1, "BL301")])
    lines = eco.format_examples(diff, 2)
    assert lines == ["+ app/views.py:1 BL101 m", "+ app/views.py:2 BL101 m",
                     "+ app/views.py:1 BL301 m"]


def test_report_names_changed_projects_and_says_when_nothing_changed(eco: ModuleType
                                                                     ) -> None:
    project = eco.PROJECTS[0]
    quiet = eco.ProjectResult(project, eco.Diff(), 4, 4)
    assert "No changes on 1 projects." in eco.format_report([quiet], "main", 3)
    changed = eco.ProjectResult(project, eco.diff_findings([], [finding(eco, 7)]), 4, 5)
    text = eco.format_report([changed], "main", 3)
    assert f"## {project.name} {project.version}" in text
    assert "| BL101 | 1 | 0 | 0 |" in text
    assert "+ app/views.py:7 BL101 m" in text


def test_failed_project_is_shown_as_an_error(eco: ModuleType) -> None:
    failed = eco.ProjectResult(eco.PROJECTS[0], error="pip download failed")
    assert "error: pip download failed" in eco.format_report([failed], "main", 3)


def test_json_report_round_trips(eco: ModuleType) -> None:
    result = eco.ProjectResult(eco.PROJECTS[0], eco.diff_findings(
        [finding(eco, 1)], [finding(eco, 2), finding(eco, 9, "BL501")]), 1, 2)
    document = json.loads(json.dumps(eco.report_json([result], "main")))
    project = document["projects"][0]
    assert project["added"] == [{"path": "app/views.py", "line": 9, "code": "BL501",
                                 "message": "m"}]
    assert project["moved"][0]["old_line"] == 1 and project["moved"][0]["new_line"] == 2
    assert document["rules"]["BL501"] == {"added": 1, "removed": 0, "moved": 0}


def test_parse_findings_reads_backendlints_json(eco: ModuleType) -> None:
    text = json.dumps({"findings": [{"path": "a.py", "line": 2, "code": "BL101",
                                     "message": "x", "column": 1}], "summary": {}})
    assert eco.parse_findings(text) == [eco.Finding("a.py", 2, "BL101", "x")]


def test_project_selection(eco: ModuleType) -> None:
    assert [project.name for project in eco.choose_projects("flask,DJANGO")] == [
        "Flask", "Django"]
    assert len(eco.choose_projects(None)) == len(eco.PROJECTS)
    with pytest.raises(eco.EcosystemError, match="unknown"):
        eco.choose_projects("nope")


def test_framework_pins_agree_with_the_benchmark(eco: ModuleType) -> None:
    bench = load("benchmark_run_for_ecosystem", BENCHMARKS / "run.py")
    frameworks = {(p.name, p.version, p.paths) for p in eco.PROJECTS if p.kind == "framework"}
    assert frameworks == {(p.name, p.version, (p.package,)) for p in bench.PROJECTS}
    assert sum(1 for p in eco.PROJECTS if p.kind == "application") >= 8


def test_both_builds_run_every_rule_without_cache(eco: ModuleType, tmp_path: Path) -> None:
    build = eco.Build("head", tmp_path)
    command = build.command(eco.PROJECTS[0], None)
    assert command[1:4] == ["-m", "backendlint", "check"]
    assert command[command.index("--select") + 1] == "ALL"
    assert {"--no-cache", "--exit-zero", "--isolated"} <= set(command)
    assert build.env()["PYTHONPATH"] == str(tmp_path)
    assert "-j2" in build.command(eco.PROJECTS[0], 2)
