"""The accuracy harness's pure parts (benchmarks/accuracy/run.py): label parsing, matching,
scoring and the table. Tiny in-memory inputs; nothing is downloaded or run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "accuracy" / "run.py"
LABELS = SCRIPT.parent

HEADER = """
[project]
name = "demoapp"
version = "1.0"
split = "tune"
paths = ["demoapp/"]
codes = ["BL5"]
"""


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy_run", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def labels(harness: ModuleType, body: str = "", header: str = HEADER) -> Any:
    return harness.parse_label_file(header + body, "rate-limiting", "test.toml")


def expect(path: str, line: int, code: str) -> str:
    return f'[[expect]]\npath = "{path}"\nline = {line}\ncode = "{code}"\n'


def entry(section: str, path: str, line: int, code: str) -> str:
    return f'[[{section}]]\npath = "{path}"\nline = {line}\ncode = "{code}"\n'


def found(harness: ModuleType, path: str, line: int, code: str) -> Any:
    return harness.Reported(path, line, code, "message")


# --------------------------------------------------------------------------- parsing


def test_parses_the_project_table_and_entries(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/auth.py", 10, "BL501")
                    + entry("absent", "demoapp/auth.py", 30, "BL502")
                    + entry("clean", "demoapp/views.py", 5, "BL502"))
    assert (parsed.name, parsed.version, parsed.split) == ("demoapp", "1.0", "tune")
    assert parsed.paths == ("demoapp",)
    assert parsed.codes == ("BL5",)
    assert parsed.kind == "sdist"
    assert parsed.lint == parsed.paths
    assert parsed.tolerance == 1
    assert parsed.practice == "rate-limiting"
    assert [(label.path, label.line, label.code) for label in parsed.expect] == [
        ("demoapp/auth.py", 10, "BL501")]
    assert len(parsed.absent) == 1 and len(parsed.clean) == 1


def test_line_tolerance_and_wheel_kind_are_read(harness: ModuleType) -> None:
    parsed = labels(harness, header=HEADER.replace(
        'split = "tune"', 'split = "holdout"\nline-tolerance = 3\nkind = "wheel"'))
    assert (parsed.split, parsed.tolerance, parsed.kind) == ("holdout", 3, "wheel")


@pytest.mark.parametrize("broken", [
    HEADER.replace('split = "tune"', 'split = "later"'),
    HEADER.replace('codes = ["BL5"]', "codes = []"),
    HEADER.replace('version = "1.0"\n', ""),
    HEADER.replace('split = "tune"', 'split = "tune"\nline-tolerance = -1'),
    HEADER + expect("demoapp/auth.py", 0, "BL501"),
    HEADER + expect("other/auth.py", 3, "BL501"),  # outside the labelled paths
    HEADER + expect("demoapp/auth.py", 3, "BL301"),  # outside the labelled codes
    "[project\n",
    "",
])
def test_rejects_broken_label_files(harness: ModuleType, broken: str) -> None:
    with pytest.raises(harness.HarnessError, match="test.toml"):
        harness.parse_label_file(broken, "rate-limiting", "test.toml")


def test_every_label_file_in_the_repository_parses(harness: ModuleType) -> None:
    files = harness.load_label_files(LABELS)
    assert files, "at least one real label file is expected"
    assert all(file.split in ("tune", "holdout") for file in files)


def test_scope_is_labelled_paths_and_code_prefixes(harness: ModuleType) -> None:
    parsed = labels(harness)
    assert parsed.covers("demoapp/auth.py", "BL501")
    assert parsed.covers("./demoapp/sub/x.py", "BL502")
    assert not parsed.covers("demoapp_extra/x.py", "BL501")
    assert not parsed.covers("tests/x.py", "BL501")
    assert not parsed.covers("demoapp/auth.py", "BL301")


def test_parse_report_reads_backendlints_json(harness: ModuleType) -> None:
    document = {"version": "0", "summary": {}, "findings": [
        {"code": "BL501", "path": "demoapp/auth.py", "line": 4, "message": "no limit",
         "column": 1}]}
    assert harness.parse_report(json.dumps(document)) == [
        harness.Reported("demoapp/auth.py", 4, "BL501", "no limit")]
    with pytest.raises(harness.HarnessError):
        harness.parse_report("not json")


# --------------------------------------------------------------------------- matching


def test_exact_and_tolerated_lines_are_true_positives(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501")
                    + expect("demoapp/a.py", 20, "BL502"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 10, "BL501"),
                                     found(harness, "demoapp/a.py", 21, "BL502")])
    assert len(outcome.true_positives) == 2
    assert outcome.false_positives == [] and outcome.false_negatives == []


def test_line_beyond_tolerance_is_one_fp_and_one_fn(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 12, "BL501")])
    assert outcome.true_positives == []
    assert [finding.line for finding in outcome.false_positives] == [12]
    assert [label.line for label in outcome.false_negatives] == [10]


def test_wider_tolerance_from_the_file_is_used(harness: ModuleType) -> None:
    header = HEADER.replace('split = "tune"', 'split = "tune"\nline-tolerance = 2')
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501"), header=header)
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 12, "BL501")])
    assert len(outcome.true_positives) == 1


def test_code_and_path_must_both_match(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 10, "BL502"),
                                     found(harness, "demoapp/b.py", 10, "BL501")])
    assert outcome.true_positives == []
    assert len(outcome.false_positives) == 2
    assert len(outcome.false_negatives) == 1


def test_one_expect_matches_one_finding_only(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 10, "BL501"),
                                     found(harness, "demoapp/a.py", 11, "BL501")])
    assert len(outcome.true_positives) == 1
    assert [finding.line for finding in outcome.false_positives] == [11]


def test_a_finding_takes_the_nearest_of_two_expects(harness: ModuleType) -> None:
    # The file lists 11 before 10: line 10 must take 10 (not the first close one, 11), which
    # leaves 11 for line 12.
    parsed = labels(harness, expect("demoapp/a.py", 11, "BL501")
                    + expect("demoapp/a.py", 10, "BL501"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 10, "BL501"),
                                     found(harness, "demoapp/a.py", 12, "BL501")])
    assert sorted((finding.line, label.line) for finding, label in outcome.true_positives) == [
        (10, 10), (12, 11)]
    assert outcome.false_negatives == [] and outcome.false_positives == []


def test_out_of_scope_findings_are_ignored(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501"))
    outcome = harness.score(parsed, [found(harness, "tests/a.py", 3, "BL501"),
                                     found(harness, "demoapp/a.py", 3, "BL301")])
    assert outcome.false_positives == []
    assert len(outcome.false_negatives) == 1


def test_reported_absent_entry_is_a_regression_and_a_fp(harness: ModuleType) -> None:
    parsed = labels(harness, entry("absent", "demoapp/a.py", 30, "BL502"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 30, "BL502")])
    assert [label.line for label in outcome.regressions] == [30]
    assert len(outcome.false_positives) == 1
    quiet = harness.score(parsed, [])
    assert quiet.regressions == [] and quiet.false_positives == []


# --------------------------------------------------------------------------- scoring


def test_precision_recall_and_agreement(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501")
                    + expect("demoapp/a.py", 20, "BL501")
                    + entry("clean", "demoapp/a.py", 40, "BL501")
                    + entry("clean", "demoapp/a.py", 50, "BL501"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 10, "BL501"),
                                     found(harness, "demoapp/a.py", 40, "BL501"),
                                     found(harness, "demoapp/a.py", 60, "BL501")])
    tally = harness.tabulate([outcome])[("rate-limiting", "tune", "BL501")]
    assert (tally.tp, tally.fp, tally.fn) == (1, 2, 1)
    assert tally.precision == pytest.approx(1 / 3)
    assert tally.recall == pytest.approx(1 / 2)
    # agreement: TP (10) + clean line left clean (50) over 2 expected + 2 clean lines
    assert tally.agreement == pytest.approx(2 / 4)


def test_agreement_is_undefined_without_clean_entries(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501"))
    tally = harness.tabulate([harness.score(parsed, [])])[("rate-limiting", "tune", "BL501")]
    assert tally.agreement is None
    assert tally.precision is None and tally.recall == 0.0


def test_tallies_are_kept_per_rule_and_split(harness: ModuleType) -> None:
    tune = labels(harness, expect("demoapp/a.py", 10, "BL501"))
    holdout = labels(harness, expect("demoapp/a.py", 10, "BL502"),
                     header=HEADER.replace('"tune"', '"holdout"'))
    rows = harness.tabulate([
        harness.score(tune, [found(harness, "demoapp/a.py", 10, "BL501")]),
        harness.score(holdout, [found(harness, "demoapp/a.py", 5, "BL502")])])
    assert set(rows) == {("rate-limiting", "tune", "BL501"),
                         ("rate-limiting", "holdout", "BL502")}
    assert rows[("rate-limiting", "holdout", "BL502")].fp == 1
    totals = harness.total(rows.values())
    assert (totals.tp, totals.fp, totals.fn) == (1, 1, 1)


def test_table_has_a_row_per_rule_and_a_total(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501")
                    + expect("demoapp/a.py", 20, "BL502"))
    outcome = harness.score(parsed, [found(harness, "demoapp/a.py", 10, "BL501")])
    text = harness.format_table(harness.tabulate([outcome]), True)
    lines = text.splitlines()
    assert lines[0].split()[:8] == ["practice", "split", "rule", "TP", "FP", "FN",
                                    "precision", "recall"]
    assert lines[1].split()[:6] == ["rate-limiting", "tune", "BL501", "1", "0", "0"]
    assert lines[2].split()[:6] == ["rate-limiting", "tune", "BL502", "0", "0", "1"]
    assert lines[3].split()[:6] == ["rate-limiting", "tune", "all", "1", "0", "1"]
    assert lines[-1].split()[:4] == ["total", "1", "0", "1"]


def test_examples_list_fps_and_fns(harness: ModuleType) -> None:
    parsed = labels(harness, expect("demoapp/a.py", 10, "BL501"))
    outcome = harness.score(parsed, [found(harness, "demoapp/b.py", 3, "BL502")])
    text = harness.format_examples([outcome], ("fp", "fn"))
    assert "FP  rate-limiting/demoapp  demoapp/b.py:3 BL502 message" in text
    assert "FN  rate-limiting/demoapp  demoapp/a.py:10 BL501" in text
    assert "FN" not in harness.format_examples([outcome], ("fp",))


def test_command_selects_the_codes_and_lints_the_labelled_paths(harness: ModuleType) -> None:
    command = harness.backendlint_command(["python", "-m", "backendlint"], labels(harness))
    assert command[:4] == ["python", "-m", "backendlint", "check"]
    assert command[command.index("--select") + 1] == "BL5"
    assert command[-1] == "demoapp"
    assert {"--no-cache", "--exit-zero", "--no-respect-gitignore"} <= set(command)
    assert command[command.index("--output-format") + 1] == "json"


def test_lint_paths_can_be_wider_than_the_labelled_paths(harness: ModuleType) -> None:
    header = HEADER.replace('paths = ["demoapp/"]',
                            'paths = ["demoapp/views.py"]\nlint = ["demoapp/"]')
    parsed = labels(harness, header=header)
    assert harness.backendlint_command(["backendlint"], parsed)[-1] == "demoapp"
    assert not parsed.covers("demoapp/app.py", "BL501")


def test_selection_by_practice_split_and_project(harness: ModuleType) -> None:
    tune = labels(harness)
    holdout = labels(harness, header=HEADER.replace('"tune"', '"holdout"'))
    files = [tune, holdout]
    assert harness.select(files, [], "all", None) == files
    assert harness.select(files, [], "holdout", None) == [holdout]
    assert harness.select(files, ["sql-building"], "all", None) == []
    assert harness.select(files, ["rate-limiting"], "tune", "DemoApp") == [tune]
