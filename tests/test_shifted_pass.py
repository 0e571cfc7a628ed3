"""The project pass's last output reused when a changed module only moved lines
(core/shifted_pass.py): on every spec case, a warm run after lines are inserted reports
exactly what a run without the cache reports, and it does reuse the output where the facts
only moved."""

from __future__ import annotations

import dataclasses
import shutil
import sys
import typing
from pathlib import Path
from typing import Any, ClassVar

import pytest
from example_cases import Case, collect_cases, settings_for_case

from backendlint.core import project_cache
from backendlint.core.context import ProjectContext
from backendlint.core.facts import ModuleFacts, Span, StoredFacts, facts_text
from backendlint.core.findings import Applicability, Edit, Finding, Fix, Related, Severity
from backendlint.core.pipeline import lint_source
from backendlint.core.project_pass import PracticeOutput, project_practices, run_practices
from backendlint.core.registry import all_rules
from backendlint.core.runner import lint_paths
from backendlint.core.shifted_pass import (
    ModuleChange,
    facts_classes,
    is_line_field,
    is_lines_field,
    kept_output,
    module_change,
)
from backendlint.settings import Settings

ALL = frozenset(rule.code for rule in all_rules())

SERVICE = '''"""Orders."""
import time

import requests
from fastapi import APIRouter, Depends

router = APIRouter()


def fetch(url):
    return requests.get(url, timeout=5)


def pause():
    time.sleep(1)


@router.post("/orders")
async def create_order(user=Depends(fetch)):
    pause()
    return {"ok": True}
'''


def _facts(text: str) -> dict[str, Any]:
    settings = Settings(enabled=ALL)
    return dict(lint_source("app/orders.py", text, settings, "app.orders").facts)


def _moved(old_text: str, new_text: str) -> dict[int, int] | None:
    """How the lines moved, when every key of the facts only moved; else None."""
    change = module_change("app/orders.py", StoredFacts(facts_text(_facts(old_text))),
                           _facts(new_text), facts_classes())
    return None if change.changed else change.lines


def test_lines_inserted_above_and_between_map_in_order() -> None:
    lines = SERVICE.splitlines(keepends=True)
    moved = "# header\n\n" + "".join(lines[:13]) + "# a note\n" + "".join(lines[13:])
    mapping = _moved(SERVICE, moved)
    assert mapping is not None
    # Lines above the note move by two, lines below it by three.
    assert mapping[10] == 12 and mapping[14] == 17 and mapping[20] == 23
    assert all(new - old in (2, 3) for old, new in mapping.items())


def test_a_docstring_edit_only_moves_lines() -> None:
    edited = SERVICE.replace('"""Orders."""', '"""Orders.\n\nCreated and listed here.\n"""')
    mapping = _moved(SERVICE, edited)
    assert mapping is not None and mapping[20] == 23


@pytest.mark.parametrize("edit", [
    ("pause", "wait"),  # a function renamed, and its caller
    ("    pause()\n    return", "    pause()\n    fetch('x')\n    return"),  # a new call
    ("async def create_order", "def create_order"),
    ('@router.post("/orders")', '@router.get("/orders")'),  # another method
])
def test_an_edit_that_changes_what_the_facts_say_is_not_a_move(edit: tuple[str, str]) -> None:
    assert edit[0] in SERVICE
    assert _moved(SERVICE, SERVICE.replace(*edit)) is None


def test_functions_swapped_are_not_a_move() -> None:
    first = "def fetch(url):\n    return requests.get(url, timeout=5)\n\n\n"
    second = "def pause():\n    time.sleep(1)\n\n\n"
    swapped = SERVICE.replace(first + second, second + first)
    assert swapped != SERVICE
    assert _moved(SERVICE, swapped) is None


def _line_fields() -> set[str]:
    """Every int field of every facts class reachable from a ModuleFacts subclass, by role."""
    seen: set[type] = set()
    found: set[str] = set()

    def walk(kind: Any, owner: str) -> None:
        if typing.get_origin(kind) is not None:
            for arg in typing.get_args(kind):
                walk(arg, owner)
        elif kind is int:
            found.add(owner)
        elif isinstance(kind, type) and dataclasses.is_dataclass(kind) and kind not in seen:
            seen.add(kind)
            hints = typing.get_type_hints(kind, vars(sys.modules[kind.__module__]))
            for item in dataclasses.fields(kind):
                walk(hints[item.name], f"{kind.__name__}.{item.name}")

    for cls in facts_classes().values():
        if cls.__module__.startswith("backendlint."):
            walk(cls, cls.__name__)
    return found


def test_every_int_field_of_the_facts_has_a_known_role() -> None:
    """A new int field must be placed here: a line renamed by a move, or not a line (then
    it must stay equal). A field named like a line that is not one would be renamed."""
    lines = {"Span.line", "Span.end_line", "Span.noqa", "Edit.line", "Edit.end_line",
             "BlockingSite.line", "CallEdge.line", "FunctionFacts.line",
             "QueuedTask.atomic_line", "TransactionFacts.atomic_requests_line",
             "OrmClass.line", "OrmRelation.line", "CallSite.line", "ClassSymbol.line",
             "FunctionSymbol.line"}
    others = {"Span.column", "Span.end_column", "Edit.column", "Edit.end_column",
              "AsyncCall.constants", "CallEdge.constants", "Condition.value",
              "FunctionFacts.defaults", "ClientFacts.guarded_calls", "ParameterCheck.position",
              "CallArgument.position", "Decorator.index", "Route.route_index",
              "CallSite.column", "FunctionSymbol.column"}
    found = _line_fields()
    assert found == lines | others
    named = {name for name in found
             if is_line_field(name.split(".")[1]) or is_lines_field(name.split(".")[1])}
    assert named == lines


def _finding(path: str, line: int, message: str = "blocking call", **extra: Any) -> Finding:
    return Finding("BL107", "blocking-helper-call-in-async", "async-blocking",
                   Severity.WARNING, message, path, line, 5, line, 12, **extra)


MOVED = ModuleChange("app/db.py", frozenset({"type-hints"}), {9: 11, 10: 12})
READS = frozenset({"async-blocking", "index"})


def test_the_output_is_renamed_in_the_moved_module_only() -> None:
    fix = Fix("Annotate", Applicability.SAFE, (Edit(10, 20, 10, 20, " -> None"),))
    findings = [
        _finding("app/db.py", 10, noqa_lines=(9, 10), fix=fix,
                 related=(Related("app/db.py", 9, 1, "defined here"),
                          Related("app/views.py", 10, 1, "called here"))),
        _finding("app/views.py", 10, related=(Related("app/db.py", 9, 1, "helper"),)),
    ]
    output = PracticeOutput(findings, {("app/db.py", 10, 5, "BL201"),
                                       ("app/views.py", 10, 5, "BL201")},
                            ["app/views.py: router not attached"], [], READS)
    kept = kept_output(output, [MOVED])
    assert kept is not None
    assert kept.errors == [] and kept.notes == ["app/views.py: router not attached"]
    assert kept.reads == READS
    first, second = kept.findings
    assert (first.line, first.end_line, first.noqa_lines) == (12, 12, (11, 12))
    assert first.fix is not None and first.fix.edits[0].line == 12
    assert [(item.path, item.line) for item in first.related] == [("app/db.py", 11),
                                                                  ("app/views.py", 10)]
    assert second.line == 10 and [item.line for item in second.related] == [11]
    assert kept.superseded == {("app/db.py", 12, 5, "BL201"),
                               ("app/views.py", 10, 5, "BL201")}


@pytest.mark.parametrize("output", [
    # A finding at a line the moved module's facts do not record.
    PracticeOutput([_finding("app/db.py", 30)], reads=READS),
    # A message in the moved module that names one of its moved lines.
    PracticeOutput([_finding("app/db.py", 10, "helper at line 9 blocks")], reads=READS),
    # A message elsewhere that names the moved module and one of its moved lines.
    PracticeOutput([_finding("app/views.py", 3, "calls pause() (db.py:10)")], reads=READS),
    # A superseded place the facts do not record, and a note naming a moved line.
    PracticeOutput(superseded={("app/db.py", 31, 1, "BL201")}, reads=READS),
    PracticeOutput(notes=["app/db.py:10: router not attached"], reads=READS),
    # An output with errors is never kept.
    PracticeOutput(errors=["internal error in BL107"], reads=READS),
    # Its rules read facts that changed in more than their lines, or every key of a module.
    PracticeOutput(reads=frozenset({"type-hints"})),
    PracticeOutput(reads=frozenset({"*"})),
])
def test_what_cannot_be_kept_for_sure_runs_again(output: PracticeOutput) -> None:
    assert kept_output(output, [MOVED]) is None


def test_a_practice_that_reads_none_of_the_changed_facts_is_kept() -> None:
    output = PracticeOutput([_finding("app/views.py", 3, "calls pause() (db.py:4), 3 times")],
                            reads=READS)
    kept = kept_output(output, [ModuleChange("app/db.py", frozenset({"type-hints"}),
                                             {4: 4, 10: 12})])
    assert kept is not None and kept.findings[0].message.endswith("(db.py:4), 3 times")


@pytest.mark.parametrize(("edit", "changed"), [
    # A call added to an endpoint: what calls what changes, the endpoints only move.
    (("    pause()\n    return", "    pause()\n    fetch('x')\n    return"),
     {"async-blocking", "index"}),
    # A route's path: the endpoint facts (stored once for the practices that read them)
    # change, the calls only move.
    (('"/orders"', '"/orders/new"'), {"endpoints"}),
])
def test_a_module_change_names_the_keys_that_changed_more_than_their_lines(
        edit: tuple[str, str], changed: set[str]) -> None:
    old = StoredFacts(facts_text(_facts(SERVICE)))
    change = module_change("app/orders.py", old, _facts("# moved\n" + SERVICE.replace(*edit)),
                           facts_classes())
    assert change.changed == changed
    assert {"type-hints", "sql-building"} <= set(old) - changed
    # One line inserted above everything; the call added is one more below it.
    assert change.lines and all(new - old in (1, 2) for old, new in change.lines.items())


def test_functions_swapped_change_only_the_keys_that_record_both() -> None:
    first = "def fetch(url):\n    return requests.get(url, timeout=5)\n\n\n"
    second = "def pause():\n    time.sleep(1)\n\n\n"
    old = StoredFacts(facts_text(_facts(SERVICE)))
    change = module_change("app/orders.py", old,
                           _facts(SERVICE.replace(first + second, second + first)),
                           facts_classes())
    assert change.changed == {"async-blocking", "index"}


@dataclasses.dataclass
class MarkFacts(ModuleFacts):
    practice: ClassVar[str] = "test-shifted-marks"
    spans: list[Span] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class OtherMarkFacts(ModuleFacts):
    practice: ClassVar[str] = "test-shifted-other-marks"
    spans: list[Span] = dataclasses.field(default_factory=list)


def _spans(*lines: int) -> list[Span]:
    return [Span(line, 1, line, 5) for line in lines]


@pytest.mark.parametrize(("old", "new"), [
    # Lines that swap places.
    ({"test-shifted-marks": _spans(3, 8)}, {"test-shifted-marks": _spans(9, 4)}),
    # One line moved to two places by two keys.
    ({"test-shifted-marks": _spans(3), "test-shifted-other-marks": _spans(3)},
     {"test-shifted-marks": _spans(4), "test-shifted-other-marks": _spans(5)}),
])
def test_lines_that_do_not_map_in_order_change_every_key(
        old: dict[str, list[Span]], new: dict[str, list[Span]]) -> None:
    classes = facts_classes()
    old_text = facts_text({key: classes[key](spans) for key, spans in old.items()})
    change = module_change("app/marks.py", StoredFacts(old_text),
                           {key: classes[key](spans) for key, spans in new.items()}, classes)
    assert change.changed == set(old) and change.lines == {}
    # The same lines moved in order are a move.
    moved = module_change("app/marks.py", StoredFacts(old_text),
                          {key: classes[key]([Span(span.line + 1, 1, span.line + 1, 5)
                                              for span in spans])
                           for key, spans in old.items()}, classes)
    assert moved.changed == set() and moved.lines == {3: 4} | ({8: 9} if len(old) == 1 else {})


def test_a_facts_class_of_a_plugin_is_found_by_its_key() -> None:
    @dataclasses.dataclass
    class PluginFacts(ModuleFacts):
        practice: ClassVar[str] = "plugin-test-shifted"
        span: Span = dataclasses.field(default_factory=lambda: Span(1, 1, 1, 1))

    assert facts_classes()["plugin-test-shifted"] is PluginFacts


# --- every spec case: a warm run after lines move reports what a fresh run reports ------

def _variants(text: str) -> list[str]:
    """The text with comment lines inserted at its top and in its middle (lines move), and
    with an import added at its end (the symbols' facts change, not others')."""
    lines = text.splitlines(keepends=True)
    middle = len(lines) // 2
    return ["# moved\n# moved\n" + text,
            "".join(lines[:middle]) + "# moved\n" + "".join(lines[middle:]),
            text + "\n\nimport os.path as added_by_the_test\n"]


def _as_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [finding.to_json() for finding in findings]


# Each variant of each case: whether the warm run kept all, some or none of the practices'
# last output.
HOW: dict[str, list[str]] = {"all": [], "some": [], "none": []}


@pytest.mark.parametrize("case", collect_cases(), ids=lambda case: case.id)
def test_a_warm_run_after_an_edit_reports_what_a_fresh_run_does(
        case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for_case(case, ALL)
    root = tmp_path / "project"
    shutil.copytree(case.root, root, ignore=lambda folder, names: [
        name for name in names if (Path(folder) / name).is_dir() and name.startswith(".")])
    settings.project_root = root
    files = [(root / path.relative_to(case.root), path.relative_to(case.root).as_posix())
             for path in case.files]
    ran: list[int] = []
    real_run = project_cache.run_practices

    def counted(results: Any, settings: Any, only: Any = None, jobs: int = 1) -> Any:
        ran.append(len(only) if only is not None else -1)
        return real_run(results, settings, only, jobs)

    monkeypatch.setattr(project_cache, "run_practices", counted)
    cache = tmp_path / "cache"
    lint_paths(files, settings, cache_dir=cache)
    practices = len(project_cache.project_practices(settings))
    for real, display in files[:2]:
        original = real.read_text(encoding="utf-8")
        for number, variant in enumerate(_variants(original)):
            real.write_text(variant, encoding="utf-8")
            ran.clear()
            warm = lint_paths(files, settings, cache_dir=cache)
            how = "all" if not ran else "none" if ran[0] in (-1, practices) else "some"
            fresh = lint_paths(files, settings)
            assert not warm.errors and not fresh.errors
            assert _as_json(warm.findings) == _as_json(fresh.findings), (display, how)
            HOW[how].append(f"{case.id}:{display}:{number}")
        # Restored without a run: the next file's first edit comes with this one's (two
        # modules changed at once).
        real.write_text(original, encoding="utf-8")


def test_most_edits_over_the_spec_cases_kept_some_output() -> None:
    """Runs after the cases above (file order): the comparison above is not vacuous."""
    total = sum(len(found) for found in HOW.values())
    if not total:
        pytest.skip("run with the spec-case test above")
    # When this was written: of 3 edits per module, the 2 that only move lines kept the
    # whole output 9 times in 10 (what is not kept names a moved line in a message, as
    # BL107's `db.py:12` does, or in a fact's text); the import added kept some.
    assert len(HOW["all"]) * 2 >= total, {key: len(found) for key, found in HOW.items()}
    assert len(HOW["some"]) * 6 >= total, {key: len(found) for key, found in HOW.items()}



def test_the_pass_notes_which_facts_each_practice_read() -> None:
    settings = Settings(enabled=ALL)
    results = [lint_source("app/orders.py", SERVICE, settings, "app.orders")]
    outputs = run_practices(results, settings)
    assert list(outputs) == project_practices(settings)
    assert {"async-blocking", "index"} <= outputs["async-blocking"].reads
    assert outputs["type-hints"].reads == {"type-hints"}
    assert all(not output.errors for output in outputs.values())


def test_facts_read_outside_the_typed_accessors_are_noted() -> None:
    settings = Settings(enabled=ALL)
    facts = _facts(SERVICE)
    project = ProjectContext([{"path": "app/orders.py", "module": "app.orders",
                               "facts": facts}], settings)
    assert project.reads == set()
    project.index.resolve("app.orders.fetch")
    assert project.reads == {"index"}
    project.reads.clear()
    project.index.resolve("app.orders.pause")  # built already, read again
    assert project.reads == {"index"}
    project.reads.clear()
    (module,) = project.modules
    assert module["facts"].get("type-hints") is not None and "sql-building" in module["facts"]
    assert project.reads == {"type-hints", "sql-building"}
    assert sorted(module["facts"]) == sorted(facts)
    assert "*" in project.reads


@pytest.mark.parametrize(("message", "kept"), [
    ("calls pause() (db.py:10)", False),
    ("the helper on line 9 blocks", False),
    ("lines 3-9 build the query", False),
    ("lines 3 and 10 build it", False),
    ("`time.sleep(10)` blocks the loop", True),
    ('add a limit, e.g. @limiter.limit("10/minute")', True),
    ("calls pause() (db.py:4)", True),
])
def test_only_a_named_line_that_moved_stops_a_finding_in_the_module(message: str,
                                                                    kept: bool) -> None:
    change = ModuleChange("app/db.py", frozenset(), {3: 3, 4: 4, 9: 11, 10: 12})
    output = PracticeOutput([_finding("app/db.py", 10, message)], reads=READS)
    assert (kept_output(output, [change]) is not None) is kept

