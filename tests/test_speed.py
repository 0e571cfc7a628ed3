"""Work the engine does once per file for every practice that asks, and work it skips."""

from __future__ import annotations

import gc
from typing import Any, ClassVar

import pytest

from backendlint.core.context import ProjectContext
from backendlint.core.pipeline import finish_run, lint_source
from backendlint.core.practice import PracticeOptions
from backendlint.core.registry import all_rules, register, unregister
from backendlint.core.rule import Rule
from backendlint.semantic.endpoints.collect import EndpointCollector
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
    # Each practice still stores the same endpoint facts as when it runs alone.
    assert both.facts["rate-limiting"].endpoints == one.facts["rate-limiting"].endpoints
    assert both.facts["access-control"].endpoints.routes == \
        both.facts["rate-limiting"].endpoints.routes


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
