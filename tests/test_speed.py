"""Work the engine does once per file for every practice that asks, and work it skips."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any, ClassVar

import pytest

from backendlint.core import gates, runner
from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.core.gates import imported_modules, skipped_practices
from backendlint.core.pipeline import lint_source
from backendlint.core.practice import RULES_TEXT, FileGate, PracticeOptions
from backendlint.core.registry import all_rules, practices, register, unregister
from backendlint.core.rule import Rule
from backendlint.core.runner import finish_run
from backendlint.semantic.endpoints.collect import EndpointCollector
from backendlint.semantic.endpoints.graph import module_endpoints
from backendlint.settings import Settings

APP = b'''\
from fastapi import APIRouter, Depends, FastAPI
from slowapi import Limiter

app = FastAPI()
router = APIRouter()
limiter = Limiter(key_func=lambda request: "k")


def current_user(token: str = Depends(lambda: "t")) -> str:
    return token


@router.post("/login")
def login(request, user: str = Depends(current_user)) -> str:
    return user


app.include_router(router)
'''


def practice_codes(*practices: str) -> frozenset[str]:
    return frozenset(rule.code for rule in all_rules() if rule.practice in practices)


def test_the_endpoint_model_is_fed_once_per_file_for_both_practices(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = EndpointCollector.on_call

    def counting(self: EndpointCollector, node: Any) -> None:
        calls.append(id(node))
        original(self, node)

    monkeypatch.setattr(EndpointCollector, "on_call", counting)
    both = lint_source("app/main.py", APP, Settings(
        enabled=practice_codes("rate-limiting", "access-control")), "app.main")
    assert calls and len(calls) == len(set(calls)), "a Call was fed to two endpoint models"
    fed_for_both = len(calls)
    calls.clear()
    one = lint_source("app/main.py", APP, Settings(
        enabled=practice_codes("rate-limiting")), "app.main")
    assert len(calls) == fed_for_both
    # The endpoint facts are stored once, the same as when one practice runs alone.
    assert both.facts["endpoints"] == one.facts["endpoints"]
    assert both.facts["endpoints"].routes
    assert not any(hasattr(both.facts[practice], "endpoints")
                   for practice in ("access-control", "rate-limiting"))


LIMITER_INSTALLED_BY_A_HELPER = '''\
from fastapi import FastAPI
from slowapi import Limiter
from slowapi.util import get_remote_address


def install(app):
    app.state.limiter = Limiter(key_func=get_remote_address)


def create_app():
    app = FastAPI()
    install(app)
    return app
'''


def test_a_practice_sees_the_parameters_its_own_questions_added() -> None:
    """Rate limiting asks who `app` is in `install(app)`, which records `install`'s
    parameters; access control does not ask. The shared facts keep neither practice's
    additions, and each practice's view of them has its own."""
    enabled = practice_codes("rate-limiting", "access-control")
    result = lint_source("app/main.py", LIMITER_INSTALLED_BY_A_HELPER, Settings(enabled=enabled),
                         "app.main")
    assert result.facts["rate-limiting"].endpoint_parameters == {"app.main.install": ["app"]}
    assert result.facts["access-control"].endpoint_parameters == {}
    assert "app.main.install" not in result.facts["endpoints"].parameters
    project = ProjectContext([{"path": "app/main.py", "module": "app.main",
                               "facts": result.facts}], Settings(enabled=enabled))
    record = ModuleRecord("app/main.py", "app.main")
    for facts, expected in ((result.facts["rate-limiting"], ["app"]),
                            (result.facts["access-control"], None)):
        [(_, seen)] = module_endpoints(project, [(record, facts)],
                                       lambda own: own.endpoint_parameters)
        assert seen.parameters.get("app.main.install") == expected


class _CollectorProbe(Rule):
    """## What it does
    Records whether the cyclic collector runs during the project pass (test-only rule)."""

    code = "BL989"
    name = "collector-probe"
    practice = "engine"
    project_level = True
    seen: ClassVar[list[bool]] = []

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        cls.seen.append(gc.isenabled())


def test_the_project_pass_runs_without_the_cyclic_collector() -> None:
    """Every finding and fact is alive in the project pass: collections triggered there
    rescanned them all (a sixth of a cold run on Django)."""
    register(_CollectorProbe)
    try:
        assert gc.isenabled()
        result = lint_source("a.py", b"x = 1\n", Settings(enabled=frozenset({"BL989"})), "a")
        finish_run([result], Settings(enabled=frozenset({"BL989"})))
        assert _CollectorProbe.seen == [False]
        assert gc.isenabled()
    finally:
        unregister(_CollectorProbe)


def test_imported_modules_reads_every_import_statement() -> None:
    source = ("import os.path as p, json\nfrom django.db import models\n"
              "def f():\n    from hashlib import sha256\n    import   passlib.hash\n"
              "from . import sibling\nfrom .x import y\n")
    assert imported_modules(source) == {"os.path", "json", "django.db", "hashlib",
                                        "passlib.hash"}


def test_a_gate_admits_by_text_or_by_import() -> None:
    gate = FileGate(text=("PASSWORD_HASHERS",), imports=("passlib",))
    assert gate.admits_text("PASSWORD_HASHERS = []")
    assert gate.admits_imports({"passlib.hash"}) and gate.admits_imports({"passlib"})
    assert not gate.admits_imports({"passlibx", "os"})
    assert FileGate().always and not RULES_TEXT.always


def test_a_practice_runs_exactly_where_one_of_its_rules_would() -> None:
    """A `RULES_TEXT` gate is the union of the rules' needles: it skips a practice only on
    a file none of its rules would run on, so no finding changes."""
    rules = all_rules()
    gated = {practice.name for practice in practices() if not practice.gate.always}
    assert {"sql-building", "password-hashing", "type-hints"} <= gated
    for practice in practices():
        own = [rule for rule in rules if rule.practice == practice.name]
        for rule in own:
            for needle in rule.requires_any_text:
                # A file holding only this needle: the rule runs, so must its practice.
                assert practice.name not in skipped_practices(f"# {needle}\n"), \
                    (practice.name, rule.code, needle)
    assert "sql-building" in skipped_practices("x = 1\n")
    assert "sql-building" not in skipped_practices("q = 'SELECT 1'\n")


def test_a_gated_out_practice_does_no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint.practices.sql_building.analysis import SqlBuildingAnalysis

    made: list[str] = []
    original = SqlBuildingAnalysis.__init__

    def counting(self: SqlBuildingAnalysis, *args: Any) -> None:
        made.append(self.ctx.path if hasattr(self, "ctx") else "?")
        original(self, *args)

    monkeypatch.setattr(SqlBuildingAnalysis, "__init__", counting)
    everything = Settings(enabled=frozenset(rule.code for rule in all_rules()))
    source = (b"import sqlite3\n\n\ndef f(user_id: str) -> None:\n"
              b"    sqlite3.connect('a').execute(f'SELECT * FROM users WHERE id = {user_id}')\n")
    assert any(f.code.startswith("BL3") for f in lint_source("b.py", source, everything,
                                                            "b").findings)
    assert len(made) == 1
    # A gate that rejects the file: neither the analysis nor a rule of the practice runs.
    monkeypatch.setattr(gates, "_gates", lambda rules, rules_text=True: (
        ("sql-building", FileGate(text=("never in this file",), imports=("sqlalchemy",))),))
    findings = lint_source("b.py", source, everything, "b").findings
    assert len(made) == 1
    assert not any(f.code.startswith("BL3") for f in findings)
    admitted = b"import sqlalchemy.orm\n" + source
    assert any(f.code.startswith("BL3") for f in lint_source("c.py", admitted, everything,
                                                            "c").findings)


def test_a_wheel_install_is_identified_by_its_record_not_by_mtimes(tmp_path: Path) -> None:
    """pip gives installed files the time of the install: on a fresh CI runner a restored
    cache must still match, so an installed wheel is identified by its RECORD's hashes."""
    from backendlint import code_identity

    package = tmp_path / "backendlint"
    package.mkdir()
    (package / "cache.py").write_text("x = 1\n")
    assert code_identity.wheel_record(package) is None  # a checkout: size and mtime decide
    info = tmp_path / "backendlint-0.1.0.dist-info"
    info.mkdir()
    (info / "RECORD").write_text("backendlint/cache.py,sha256=abc,6\n")
    assert code_identity.wheel_record(package) == b"backendlint/cache.py,sha256=abc,6\n"
    (info / "RECORD").write_text("__editable__.backendlint-0.1.0.pth,sha256=abc,6\n")
    assert code_identity.wheel_record(package) is None  # an editable install lists no modules


def test_each_file_s_survivors_leave_the_collector_s_sight(tmp_path: Path) -> None:
    """While linting, what a file's pass leaves alive is frozen at once (not rescanned by
    every later sweep); a pass that noted cyclic garbage (sqlglot) is swept first."""
    from backendlint.core.context import note_cyclic_garbage, take_cyclic_garbage_note

    plain = tmp_path / "plain.py"
    plain.write_text("def f(x):\n    return x\n")
    worker = runner._Worker(Settings(enabled=frozenset({"BL201"})), want_key=False)
    assert not worker.plugins
    with runner._fewer_collections():
        before = gc.get_freeze_count()
        result, _ = worker((plain, "plain.py"))
        assert [f.code for f in result.findings] == ["BL201"]
        assert gc.get_freeze_count() > before
        assert gc.get_count()[0] == 0
    note_cyclic_garbage()
    assert take_cyclic_garbage_note() and not take_cyclic_garbage_note()
    sql = tmp_path / "q.py"
    sql.write_text("def f(c, name):\n    c.execute(f'SELECT * FROM t WHERE a = {name}')\n")
    everything = Settings(enabled=frozenset(rule.code for rule in all_rules()))
    sweeps: list[int] = []
    gc.callbacks.append(lambda phase, info: sweeps.append(info["generation"])
                        if phase == "start" else None)
    try:
        with runner._fewer_collections():
            sweeps.clear()
            runner._Worker(everything, want_key=False)((sql, "q.py"))
            assert sweeps == [0]
    finally:
        gc.callbacks.pop()


@pytest.mark.parametrize("text", [
    "import time\ntime.sleep(1)\n",
    "x = self.session_factory()  # db.query\n",
    "naïve_session = 1\ncafé.execute(q)\n",  # non-ASCII letters around a needle
    "s='\\udcff' + select_for_update\n",  # a lone surrogate (undecodable byte kept)
    "a.b(c)[d]{e}<f>'g'\"h\"`i`~j!k@l#m$n%o^p&q*r-s+t=u|v\\w:x;y,z.?/\x0cw\x0bv\tu\r\n",
])
def test_the_needle_search_answers_as_a_search_of_the_text(text: str) -> None:
    # Needles of identifier characters are searched in the file's distinct runs between
    # whitespace and punctuation: the answer must be that of `needle in text`, for every
    # needle of every rule and for needles that straddle punctuation or hold non-ASCII.
    needles = {needle for rule in all_rules() for needle in rule.requires_any_text}
    needles |= {"ime", "sleep", "time.sleep", "e(1", "session", "db", "db.", "ïve", "afé",
                "café", "for_update", "a", "z", "wv", "mn", "r-s", " ", "\n", "select"}
    needles |= {text[i:j] for i in range(len(text)) for j in range(i + 1, min(i + 4, len(text)))}
    memo: dict[str, bool] = {}
    for needle in sorted(needles):
        assert gates.worth_running((needle,), text, memo) is (needle in text), needle
