"""Work the engine does once per file for every practice that asks, and work it skips."""

from __future__ import annotations

from typing import Any

import pytest

from backendlint.core.pipeline import lint_source
from backendlint.core.registry import all_rules
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
