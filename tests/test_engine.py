"""The pipeline: bad input, the project pass over module facts, fixes and suppressions."""

from __future__ import annotations

import ast
import gc
import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import testing_rules

from backendlint.core.context import FileContext
from backendlint.core.findings import Finding
from backendlint.core.pipeline import FileResult, lint_source
from backendlint.core.registry import all_rules, register, unregister
from backendlint.core.rule import Rule
from backendlint.core.runner import finish_run, lint_paths
from backendlint.fixes import apply_fixes, fix_until_stable, write_atomically
from backendlint.semantic.model import Scope, SemanticModel
from backendlint.settings import Settings


@pytest.fixture
def test_rules() -> Iterator[None]:
    testing_rules.install()
    yield
    testing_rules.uninstall()


def settings(*codes: str) -> Settings:
    return Settings(enabled=frozenset(codes))


def bl001(data: bytes) -> list[Finding]:
    return [f for f in lint_source("bad.py", data, settings("BL001")).findings
            if f.code == "BL001"]


@pytest.mark.parametrize("data,fragment", [
    (b"def f(:\n    pass\n", "syntax error"),
    (b"x = '\xff\xfe'\n", "not valid utf-8"),
    (b"x = 1\x00\n", "null"),
    (("(" * 500 + "1" + ")" * 500).encode(), "nested"),
    (("x = " + "-" * 100_000 + "1\n").encode(), "nested"),
])
def test_bad_input_is_reported_as_bl001(data: bytes, fragment: str) -> None:
    findings = bl001(data)
    assert len(findings) == 1
    assert fragment in findings[0].message.lower()


def test_syntax_error_points_at_the_parser_line() -> None:
    [finding] = bl001(b"import os\n\ndef f()\n    return 1\n")
    assert finding.line == 3


def test_empty_and_huge_files_are_fine(test_rules: None) -> None:
    assert lint_source("empty.py", b"", settings("BL001", "BL991")).findings == []
    huge = "".join(f"value_{i} = {i}\n" for i in range(50_000)) + "print(1)\n"
    result = lint_source("huge.py", huge.encode(), settings("BL001", "BL991"))
    assert [(f.code, f.line) for f in result.findings] == [("BL991", 50_001)]


def test_coding_cookie_is_honoured() -> None:
    data = "# -*- coding: latin-1 -*-\nname = 'café'\n".encode("latin-1")
    assert bl001(data) == []


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, test_rules: None) -> None:
    (tmp_path / "a.py").write_bytes(b"def broken(:\n")
    (tmp_path / "b.py").write_text("print('hi')\n")
    files = [(tmp_path / name, name) for name in ("a.py", "b.py")]
    run = lint_paths(files, settings("BL001", "BL991"))
    assert [(f.path, f.code) for f in run.findings] == [("a.py", "BL001"), ("b.py", "BL991")]


def test_a_crashing_rule_is_isolated(test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: object, node: ast.Call) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(testing_rules.PrintToLogging, "visit_Call", explode)
    result = lint_source("a.py", b"print(1)\nx = 2\n", settings("BL991", "BL992"))
    assert [f.code for f in result.findings] == ["BL992"]
    assert result.errors and "BL991" in result.errors[0]


def test_project_rule_reads_facts_of_two_modules(tmp_path: Path, test_rules: None) -> None:
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text("def dangerous_wipe():\n    pass\n")
    (package / "api.py").write_text(
        "from app.helpers import dangerous_wipe\n\n\ndef handler():\n    dangerous_wipe()\n")
    files = [(package / name, f"app/{name}") for name in ("__init__.py", "helpers.py",
                                                         "api.py")]
    run = lint_paths(files, settings("BL993"))
    assert [(f.path, f.line, f.message) for f in run.findings] == [
        ("app/api.py", 5, "Calls app.helpers.dangerous_wipe")]
    # The project pass needs only the facts: a round trip through JSON changes nothing.
    revived = [FileResult.from_json(json.loads(json.dumps(r.to_json()))) for r in run.results]
    assert finish_run(revived, settings("BL993")).findings == run.findings


def test_noqa_on_the_first_line_of_a_multiline_statement(test_rules: None) -> None:
    source = "x = dict(  # noqa: BL991\n    a=print(1),\n)\nprint(2)  # noqa: E501\n"
    run = finish_run([lint_source("a.py", source, settings("BL991"))], settings("BL991"))
    assert [(f.line, f.code) for f in run.findings] == [(4, "BL991")]
    assert run.suppressed == 1


def test_rule_names_and_our_marker_suppress(test_rules: None) -> None:
    source = ("print(1)  # noqa: test-print-to-logging\n"
              "print(2)  # backendlint: ignore[BL991]\n"
              "print(3)  # backendlint: ignore\n"
              "print(4)  # noqa\n")
    run = finish_run([lint_source("a.py", source, settings("BL991"))], settings("BL991"))
    assert run.findings == [] and run.suppressed == 4


def test_unused_and_bare_suppressions_are_bl002(test_rules: None) -> None:
    source = ("x = 1  # noqa: BL991\nprint(1)  # noqa\nprint(2)  # noqa: BL991, E501\n"
              "y = 2  # noqa: BL123\n")
    enabled = settings("BL991", "BL002")
    run = finish_run([lint_source("a.py", source, enabled)], enabled)
    assert [(f.line, f.code, f.message) for f in run.findings] == [
        (1, "BL002", "Unused suppression of BL991"),
        (2, "BL002", "Bare suppression comment: name the codes it silences"),
        (4, "BL002", "Unknown code 'BL123' in suppression comment"),
    ]


def test_fix_adds_import_once_and_keeps_comments(test_rules: None) -> None:
    source = ("# leading comment\nimport os\n\n\ndef f():\n"
              "    print('a')  # keep me\n    print('b')\n")

    def lint(text: str) -> list[Finding]:
        return lint_source("a.py", text, settings("BL991")).findings

    outcome = fix_until_stable(source, lint, unsafe=False)
    assert outcome.text == ("# leading comment\nimport os\nimport logging\n\n\ndef f():\n"
                            "    logging.info('a')  # keep me\n    logging.info('b')\n")
    assert len(outcome.applied) == 2


def test_fix_that_breaks_the_code_is_refused(test_rules: None) -> None:
    source = "x = 1\n"
    findings = lint_source("a.py", source, settings("BL992")).findings
    outcome = apply_fixes(source, findings, unsafe=False)
    assert outcome.text == source and outcome.applied == []
    assert outcome.error and "would not parse" in outcome.error


def test_unsafe_fixes_need_the_flag(test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint.core.findings import Applicability

    findings = lint_source("a.py", "print(1)\n", settings("BL991")).findings
    unsafe = [Finding(**{**f.__dict__, "fix": f.fix.__class__(
        f.fix.description, Applicability.UNSAFE, f.fix.edits, f.fix.imports)})
        for f in findings if f.fix]
    assert apply_fixes("print(1)\n", unsafe, unsafe=False).applied == []
    assert apply_fixes("print(1)\n", unsafe, unsafe=True).text == \
        "import logging\n\nlogging.info(1)\n"


def test_atomic_write_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "script.py"
    target.write_text("old\n")
    target.chmod(0o750)
    write_atomically(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o750
    assert [p.name for p in tmp_path.iterdir()] == ["script.py"]


def test_findings_sort_deterministically(tmp_path: Path, test_rules: None) -> None:
    for name in ("b.py", "a.py"):
        (tmp_path / name).write_text("print(1); print(2)\n")
    files = [(tmp_path / name, name) for name in ("b.py", "a.py")]
    run = lint_paths(files, settings("BL991"))
    assert [(f.path, f.column) for f in run.findings] == [
        ("a.py", 1), ("a.py", 11), ("b.py", 1), ("b.py", 11)]


def test_columns_are_characters_not_bytes(test_rules: None) -> None:
    [finding] = lint_source("a.py", "x = 'é'; print(1)\n", settings("BL991")).findings
    assert finding.column == 10


def test_form_feed_does_not_shift_lines_or_suppressions(test_rules: None) -> None:
    source = "import os\n\x0c\nprint(1)  # noqa: BL991\nprint(2)\n"
    run = finish_run([lint_source("a.py", source, settings("BL991"))], settings("BL991"))
    assert [(f.line, f.code) for f in run.findings] == [(4, "BL991")]


class _CountingBase(Rule):
    """Two test rules sharing one visit_Call (the engine's shared dispatch) and each with its
    own visit_FunctionDef."""

    practice = "engine"
    shared_handlers = frozenset({"visit_Call"})
    calls: ClassVar[list[str]] = []
    defs: ClassVar[list[str]] = []

    def visit_Call(self, node: ast.Call) -> None:
        _CountingBase.calls.append(self.code)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        _CountingBase.defs.append(self.code)


class _CountingOne(_CountingBase):
    code = "BL911"
    name = "test-counting-one"


class _CountingTwo(_CountingBase):
    code = "BL912"
    name = "test-counting-two"


def test_shared_handlers_run_once_per_node_other_handlers_once_per_rule() -> None:
    for rule in (_CountingOne, _CountingTwo):
        register(rule)
    try:
        _CountingBase.calls.clear()
        _CountingBase.defs.clear()
        lint_source("a.py", "def f():\n    g(h())\n", settings("BL911", "BL912"))
        assert _CountingBase.calls == ["BL911", "BL911"]
        assert sorted(_CountingBase.defs) == ["BL911", "BL912"]
    finally:
        for rule in (_CountingOne, _CountingTwo):
            unregister(rule)


def test_a_file_pass_leaves_no_cyclic_garbage() -> None:
    """The engine runs with the cyclic collector off: no rule of any practice may leave a
    file's tree, context or rules in a reference cycle, or they would stay in memory until the
    workers' occasional sweep. (sqlglot's own parse trees are cyclic; that sweep frees them.)"""
    demo = sorted((Path(__file__).resolve().parents[1] / "examples").rglob("*.py"))
    everything = Settings(enabled=frozenset(rule.code for rule in all_rules()))
    for path in demo:  # first, so that import-time garbage (sqlglot's classes) is not counted
        lint_source(str(path), path.read_bytes(), everything)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    found = 0
    try:
        for path in demo:
            found += len(lint_source(str(path), path.read_bytes(), everything).findings)
        gc.collect()
        ours = [type(item).__name__ for item in gc.garbage
                if isinstance(item, (ast.AST, Rule, FileContext, SemanticModel, Scope))
                or type(item).__module__.startswith("backendlint")]
        assert ours == []
        assert found > 20  # the demo shows every rule
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
