"""BL107's lean facts: every module's async-blocking facts as the project pass keeps them
(callgraph.ProjectCalls), decoded one module at a time, and the same findings from them
whether the per-file pass's facts arrive as objects, packed or as the cache's text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from example_cases import collect_cases, lint_case

from backendlint.core import runner
from backendlint.core.context import ProjectContext
from backendlint.core.facts import PackedFacts, StoredFacts, facts_text
from backendlint.core.pipeline import lint_source
from backendlint.core.registry import all_rules
from backendlint.core.runner import finish_run, lint_files
from backendlint.practices.async_blocking.callgraph import (
    CallGraph,
    ProjectCalls,
    Through,
    constant_pairs,
)
from backendlint.practices.async_blocking.facts import AsyncBlockingFacts
from backendlint.settings import Settings

PROJECT = {
    "app/__init__.py": "",
    "app/db.py": (
        "import json\nimport sqlite3\nimport time\n\n"
        "def connect(path, is_async=False):\n"
        "    if not is_async:\n        return sqlite3.connect(path)\n    return None\n\n"
        "def pause():\n    time.sleep(json.loads('1'))\n\n"
        "async def already_async():\n    pause()\n"),
    "app/services.py": (
        "from app.db import connect, pause\n\n"
        "class Base:\n    def save(self):\n        pause()\n\n"
        "class Store(Base):\n    def load(self):\n        return connect('x', 1, mode='r')\n\n"
        "def helper():\n    pause()\n    connect('y')\n"),
    "app/views.py": (
        "from app.services import Store, helper\n\n"
        "async def view():\n    helper()\n    Store().save()\n    Store().load()\n"),
}


def _settings() -> Settings:
    return Settings(enabled=frozenset(rule.code for rule in all_rules()))


def _modules(facts_of: Any) -> list[dict[str, Any]]:
    settings = _settings()
    found = []
    for path, text in PROJECT.items():
        module = path[:-3].replace("/", ".").removesuffix(".__init__")
        result = lint_source(path, text.encode(), settings, module, path.endswith("__init__.py"))
        found.append({"path": path, "module": module, "facts": facts_of(dict(result.facts))})
    return found


def test_lean_facts_keep_what_the_graph_reads_and_share_the_rest() -> None:
    project = ProjectContext(_modules(PackedFacts.of), _settings())
    lean = ProjectCalls(project)
    # Read one module at a time: nothing of the practice stays decoded in the context.
    assert AsyncBlockingFacts not in project._decoded
    eager = {record.path: facts for record, facts in
             ProjectContext(_modules(lambda facts: facts), _settings()).typed_facts(
                 AsyncBlockingFacts)}
    assert set(lean.modules) == set(eager) == {"app/__init__.py", "app/db.py",
                                              "app/services.py", "app/views.py"}
    for path, module in lean.modules.items():
        facts = eager[path]
        assert module.record.path == path
        assert module.imports == facts.imports
        assert {key: list(bases) for key, bases in module.classes.items()} == facts.classes
        assert list(module.async_calls) == facts.async_calls
        assert list(module.functions) == list(facts.functions)
        for key, function in module.functions.items():
            info = facts.functions[key]
            assert (function.name, function.line, function.is_async, function.wrapped,
                    function.memoised) == (info.name, info.line, info.is_async, info.wrapped,
                                           info.memoised)
            assert list(function.params) == info.params
            assert function.defaults == constant_pairs(info.defaults)
            assert dict(zip(function.defaults[::2], function.defaults[1::2])) == info.defaults
            assert list(function.blocking) == info.blocking
            # The call edges stay out: the graph reads them module by module.
            assert not hasattr(function, "calls")
    assert lean.modules["app/db.py"].functions["connect"].defaults == ("is_async", False)
    # One reference object per base class name across modules.
    bases = [base for module in lean.modules.values() for key, found in module.classes.items()
             for base in found]
    assert bases and len({id(base) for base in bases}) == len({base for base in bases})


def test_the_graph_keeps_only_edges_that_resolve_to_project_functions() -> None:
    project = ProjectContext(_modules(PackedFacts.of), _settings())
    graph = CallGraph(project, _settings().options_for("async-blocking"))
    assert AsyncBlockingFacts not in project._decoded
    eager = {record.path: facts for record, facts in
             ProjectContext(_modules(lambda facts: facts), _settings()).typed_facts(
                 AsyncBlockingFacts)}
    assert [edge.ref.name for edge in eager["app/db.py"].functions["pause"].calls] == [
        "json.loads"]
    assert ("app/db.py", "pause") not in graph.edges  # json.loads is no project function
    load = graph.edges[("app/services.py", "Store.load")]
    assert [(callee, edge.constants) for callee, edge in load] == [
        (("app/db.py", "connect"), ("0", "x", "1", 1, "mode", "r"))]
    assert [callee for callee, _ in graph.edges[("app/services.py", "helper")]] == [
        ("app/db.py", "pause"), ("app/db.py", "connect")]
    # An async function's calls are never followed.
    assert ("app/db.py", "already_async") not in graph.edges
    # The reasons the graph gave before its facts were lean (checked against main's).
    assert {target: (reason.callee, reason.line) for target, reason in graph.reasons.items()
            if isinstance(reason, Through)} == {
        ("app/services.py", "Base.save"): (("app/db.py", "pause"), 5),
        ("app/services.py", "helper"): (("app/db.py", "connect"), 13)}
    assert sorted(target for target, reason in graph.reasons.items()
                  if not isinstance(reason, Through)) == [("app/db.py", "connect"),
                                                          ("app/db.py", "pause")]


def _bl107(facts_of: Any) -> list[tuple[str, int, str, tuple[Any, ...]]]:
    project = ProjectContext(_modules(facts_of), _settings())
    for rule in all_rules():
        if rule.project_level and rule.practice == "async-blocking":
            rule.check_project(project, _settings().options_for("async-blocking"))
    return [(finding.path, finding.line, finding.message, finding.related)
            for finding in project.findings if finding.code == "BL107"]


def test_bl107_finds_the_same_from_objects_packed_and_stored_facts() -> None:
    eager = _bl107(lambda facts: facts)
    # pause() itself, helper() through pause(), Store().save() through the base class;
    # Store().load() passes `is_async` as 1, which skips sqlite3.connect.
    assert [(path, line) for path, line, _, _ in eager] == [
        ("app/db.py", 14), ("app/views.py", 4), ("app/views.py", 5)]
    assert _bl107(PackedFacts.of) == eager
    assert _bl107(lambda facts: StoredFacts("head\t" + facts_text(facts), 5)) == eager


@pytest.mark.parametrize("case", [case for case in collect_cases()
                                  if case.code == "BL107" and len(case.files) > 1],
                         ids=lambda case: case.id)
def test_bl107_spec_projects_report_the_same_when_facts_are_packed(
        case: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    eager = lint_case(case).findings
    monkeypatch.setattr(runner, "PACK_FROM_FILES", 1)
    packed = lint_case(case).findings
    assert packed == eager
    assert [finding.related for finding in packed] == [finding.related for finding in eager]


def test_big_run_of_the_project_reports_bl107_as_a_small_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for path, text in PROJECT.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
        files.append((tmp_path / path, path))
    settings = _settings()
    small = finish_run(lint_files(files, settings), settings)
    monkeypatch.setattr(runner, "PACK_FROM_FILES", 2)
    big = finish_run(lint_files(files, settings), settings)
    assert [f for f in small.findings if f.code == "BL107"]
    assert big.findings == small.findings


def test_constant_pairs_answer_as_the_dicts_did() -> None:
    from backendlint.practices.async_blocking.callgraph import _UNKNOWN, Arguments, Function

    info = Function("f", 1, False, False, False, ("path", "is_async", "mode"),
                    constant_pairs({"is_async": False, "mode": "0"}), ())
    # By position, then by name, then the default unless `*args` may pass more.
    call = Arguments(constant_pairs({"1": True, "mode": "1", "0": "mode"}), False)
    assert call.value(info, "is_async") is True
    assert call.value(info, "mode") == "1"
    assert call.value(info, "path") == "mode"  # a value equal to a key is not a key
    assert Arguments(constant_pairs({}), False).value(info, "mode") == "0"
    assert Arguments(constant_pairs({}), True).value(info, "mode") is _UNKNOWN
    assert Arguments((), False).value(info, "path") is _UNKNOWN
    assert constant_pairs({}) == () and constant_pairs({"0": None}) == ("0", None)


@pytest.mark.parametrize("case", [case for case in collect_cases()
                                  if case.code == "BL107" and len(case.files) > 1],
                         ids=lambda case: case.id)
def test_bl107_decodes_the_facts_once_below_the_threshold_and_twice_above(
        case: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint.practices.async_blocking import callgraph

    readings: list[int] = []
    original = ProjectContext.each_facts

    def counted(self: ProjectContext, cls: type[Any]) -> Any:
        if cls is AsyncBlockingFacts:
            readings.append(1)
        return original(self, cls)

    monkeypatch.setattr(ProjectContext, "each_facts", counted)
    kept = lint_case(case).findings
    assert len(readings) == 1  # the lean copy's reading; the graph took the kept facts
    readings.clear()
    monkeypatch.setattr(callgraph, "KEEP_FULL_BELOW", 0)
    twice = lint_case(case).findings
    assert len(readings) == 2
    assert twice == kept
    assert [finding.related for finding in twice] == [finding.related for finding in kept]
