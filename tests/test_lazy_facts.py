"""Facts kept compact between the passes (packed after the per-file pass, the cache's text
practice by practice) decode, one practice at a time, to what the per-file pass made."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from backendlint.core import runner
from backendlint.core.context import ProjectContext
from backendlint.core.facts import (
    ModuleFacts,
    PackedFacts,
    StoredFacts,
    encode,
    facts_or_none,
    facts_text,
    pack,
    unpack,
)
from backendlint.core.findings import (
    Applicability,
    Confidence,
    Edit,
    Finding,
    Fix,
    Related,
    Severity,
)
from backendlint.core.pipeline import lint_source
from backendlint.core.project_pass import run_project_pass
from backendlint.core.registry import all_rules
from backendlint.core.runner import finish_run, lint_files
from backendlint.settings import Settings

PROJECT = {
    "app/__init__.py": "",
    "app/services.py": (
        "import time\nimport requests\n\n"
        "def fetch(url):\n    time.sleep(1)\n    return requests.get(url)\n\n"
        "class Store:\n    def save(self, item: int) -> None:\n        fetch('x')\n"),
    "app/views.py": (
        "from fastapi import APIRouter\nfrom app.services import fetch, Store\n\n"
        "router = APIRouter()\n\n"
        "@router.get('/items')\nasync def items(q):\n    Store().save(1)\n"
        "    return fetch(q)\n\n"
        "def raw(cursor, name):\n    cursor.execute(f\"SELECT * FROM t WHERE n = '{name}'\")\n"),
}


@dataclass
class Inner:
    name: str
    calls: list[str] = field(default_factory=list)
    built: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        # Unpacking must not run this again: the object is what was packed.
        self.built += 1


@dataclass
class SampleFacts(ModuleFacts):
    practice: ClassVar[str] = "sample"
    functions: dict[str, Inner] = field(default_factory=dict)


def _settings() -> Settings:
    return Settings(enabled=frozenset(rule.code for rule in all_rules()))


def _facts_of_project() -> list[tuple[str, dict[str, Any]]]:
    settings = _settings()
    found = []
    for path, text in PROJECT.items():
        module = path[:-3].replace("/", ".").removesuffix(".__init__")
        result = lint_source(path, text.encode(), settings, module, path.endswith("__init__.py"))
        found.append((path, dict(result.facts)))
    return found


def _context(facts_of: Any) -> ProjectContext:
    modules = [{"path": path, "module": path[:-3].replace("/", "."), "facts": facts_of(facts)}
               for path, facts in _facts_of_project()]
    return ProjectContext(modules, _settings())


def _classes() -> set[type[ModuleFacts]]:
    return {type(value) for _, facts in _facts_of_project() for value in facts.values()
            if isinstance(value, ModuleFacts)}


def test_packed_and_stored_facts_decode_to_what_eager_facts_are() -> None:
    classes = _classes()
    # The project above gives facts to the practices with project rules it exercises.
    assert {cls.practice for cls in classes} >= {"async-blocking", "index", "sql-building"}
    eager = _context(lambda facts: facts)
    packed = _context(PackedFacts.of)
    stored = _context(lambda facts: StoredFacts("head\t" + facts_text(facts), 5))
    for cls in classes:
        expected = eager.typed_facts(cls)
        assert expected
        assert packed.typed_facts(cls) == expected
        assert stored.typed_facts(cls) == expected
        # Lazily decoded objects are new ones, not the per-file pass's.
        assert all(a is not b for (_, a), (_, b) in zip(packed.typed_facts(cls), expected))


def test_practice_done_forgets_decoded_facts_but_keeps_the_index() -> None:
    project = _context(PackedFacts.of)
    (cls,) = [cls for cls in _classes() if cls.practice == "async-blocking"]
    first = project.typed_facts(cls)
    index = project.index
    project.practice_done()
    again = project.typed_facts(cls)
    assert again == first and again is not first
    assert project.index is index


def test_unpacked_dataclasses_equal_the_packed_ones_without_running_init() -> None:
    facts = SampleFacts({"f": Inner("f", ["open"])})
    assert facts.functions["f"].built == 1
    packed = PackedFacts.of({"sample": facts, "legacy": {"calls": [1, 2]}})
    unpacked = packed["sample"]
    assert unpacked == facts and unpacked is not facts
    assert isinstance(unpacked, SampleFacts) and unpacked.functions["f"].built == 1
    assert packed["legacy"] == {"calls": [1, 2]}
    assert sorted(packed) == ["legacy", "sample"] and "sample" in packed and "x" not in packed
    # A pool's worker sends packed facts to the main process.
    assert pickle.loads(pickle.dumps(packed))["sample"] == facts


def test_packed_facts_are_compressed_only_when_asked() -> None:
    facts = {"sample": SampleFacts({f"f{n}": Inner(f"f{n}", ["open"] * 5) for n in range(40)})}
    plain, small = PackedFacts.of(facts, compress=False), PackedFacts.of(facts)
    assert plain["sample"] == small["sample"] == facts["sample"]
    assert small.size < plain.size / 2
    for packed in (plain, small):
        again = pickle.loads(pickle.dumps(packed))
        assert again["sample"] == facts["sample"] and again.size == packed.size


def test_a_pool_compresses_facts_only_in_a_large_run(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(runner._MIN_FILES_FOR_POOL):
        (tmp_path / f"views_{number}.py").write_text(
            f"import time\n\nasync def view_{number}():\n    time.sleep(1)\n")
    files = [(path, path.name) for path in sorted(tmp_path.glob("*.py"))]
    sizes, large = {}, runner.PACK_FROM_FILES
    for pack_from in (large, 2):
        monkeypatch.setattr(runner, "PACK_FROM_FILES", pack_from)
        results = lint_files(files, _settings(), jobs=2)
        assert all(isinstance(result.facts, PackedFacts) for result in results)
        sizes[pack_from] = sum(result.facts.size for result in results
                               if isinstance(result.facts, PackedFacts))
    assert sizes[2] < sizes[large]


@dataclass
class _Counted:
    name: str
    total: int = field(init=False, default=0)


def test_unpacking_calls_init_only_where_it_just_sets_every_field_in_order() -> None:
    from backendlint.core.facts import Span, _by_position
    from backendlint.practices.async_blocking.facts import AsyncBlockingFacts

    assert _by_position(Span) and _by_position(AsyncBlockingFacts)
    assert not _by_position(Inner)  # its __post_init__ must not run again
    assert not _by_position(_Counted)  # a field __init__ does not take
    counted = _Counted("x")
    counted.total = 3
    spans = [Span(3, 1, 3, 9, (3, 4)), Span(5, 2, 6, 1)]
    assert unpack(pack([counted, spans])) == [counted, spans]
    assert unpack(pack(counted)).total == 3


def test_stored_text_is_read_practice_by_practice() -> None:
    facts = {"sample": SampleFacts({"f": Inner("f")}), "legacy": {"note": "a b\x1fc"}}
    text = facts_text(facts)
    stored = StoredFacts("xx\t" + text, 3)
    assert list(stored) == ["legacy", "sample"]
    assert stored["legacy"] == {"note": "a b\x1fc"}
    assert stored["sample"] == encode(facts["sample"])
    assert facts_or_none(SampleFacts, stored.get("sample")) == facts["sample"]
    assert stored.text() == text
    assert len(StoredFacts("")) == 0 and StoredFacts("").get("sample") is None


def _write_project(root: Path) -> list[tuple[Path, str]]:
    for path, text in PROJECT.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return [(root / path, path) for path in PROJECT]


def test_big_run_keeps_facts_packed_and_the_warm_run_as_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _write_project(tmp_path)
    settings = _settings()
    small = lint_files(files, settings)
    # A small run in one process keeps the objects (unpacking costs more than it saves).
    assert not any(isinstance(result.facts, PackedFacts) for result in small)
    monkeypatch.setattr(runner, "PACK_FROM_FILES", 2)
    cold = lint_files(files, settings, cache_dir=tmp_path / "cache")
    warm = lint_files(files, settings, cache_dir=tmp_path / "cache")
    direct = _facts_of_project()
    for result, again, (_, facts) in zip(cold, warm, direct):
        if facts:
            assert isinstance(result.facts, PackedFacts)
        assert isinstance(again.facts, StoredFacts)
        assert dict(result.facts) == facts
        assert {practice: facts_or_none(type(value), again.facts[practice])
                for practice, value in facts.items()} == facts
        assert result.findings == again.findings


def test_big_run_reports_what_a_small_one_does(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    files = _write_project(tmp_path)
    settings = _settings()
    small = finish_run(lint_files(files, settings), settings)
    monkeypatch.setattr(runner, "PACK_FROM_FILES", 2)
    big = finish_run(lint_files(files, settings), settings)
    assert small.findings and big.findings == small.findings
    assert [f.noqa_lines for f in big.findings] == [f.noqa_lines for f in small.findings]
    assert {f.code for f in small.findings} >= {"BL107", "BL301"}


def test_packed_findings_come_back_equal_with_fixes_and_related_places() -> None:
    fix = Fix("Await it", Applicability.UNSAFE, (Edit(3, 4, 3, 9, "await x"),),
              (("asyncio", None),))
    finding = Finding("BL101", "blocking-sleep-in-async", "async-blocking", Severity.ERROR,
                      "Blocking `time.sleep()`", "app/views.py", 3, 5, 3, 20, fix, (3, 2),
                      Confidence.MEDIUM, (Related("app/services.py", 7, 1, "blocks here"),))
    plain = Finding("BL201", "missing-parameter-annotation", "type-hints", Severity.WARNING,
                    "Parameter `q` has no annotation", "app/views.py", 9, 11, 9, 12)
    again = unpack(pack([finding, plain]))
    assert again == [finding, plain]
    # Fields compare=False leaves out of ==, so check them too.
    assert [item.noqa_lines for item in again] == [(3, 2), ()]
    assert again[0].related == finding.related and again[0].fix == fix
    assert again[0].confidence is Confidence.MEDIUM and again[1].severity is Severity.WARNING
    # Repeated names are shared again, as the per-file pass shared them.
    assert again[0].path is again[1].path


def test_project_pass_forgets_its_index_and_facts_even_if_the_context_is_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint.practices.async_blocking.bl107_blocking_helper_call_in_async import (
        BlockingHelperCallInAsync,
    )

    kept: list[ProjectContext] = []
    original = BlockingHelperCallInAsync.check_project.__func__  # type: ignore[attr-defined]

    def keeping(cls: Any, project: ProjectContext, options: Any) -> None:
        kept.append(project)  # as an analysis cached by context would
        original(cls, project, options)

    monkeypatch.setattr(BlockingHelperCallInAsync, "check_project", classmethod(keeping))
    settings = _settings()
    results = [lint_source(path, text.encode(), settings,
                           path[:-3].replace("/", ".").removesuffix(".__init__"),
                           path.endswith("__init__.py"))
               for path, text in PROJECT.items()]
    findings, errors, _, _ = run_project_pass(results, settings)
    assert not errors and any(finding.code == "BL107" for finding in findings)
    (project,) = kept
    assert project.modules == [] and project._index is None and not project._decoded
    assert not project._computed and not project.shared
