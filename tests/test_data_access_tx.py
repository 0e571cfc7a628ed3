"""The transaction and task rules (BL904-BL907) beyond the spec: their facts survive the
cache, the model-class question through the project index, and the task-decorator option."""

from __future__ import annotations

import json
from pathlib import Path

from backendlint.config import resolve_settings
from backendlint.core.context import ModuleRecord
from backendlint.core.facts import Span, decode, encode
from backendlint.core.runner import lint_paths
from backendlint.practices.data_access.facts_tasks import (
    LockEvaluation,
    PassedInstance,
    QueuedTask,
    TransactionFacts,
)
from backendlint.practices.data_access.tasks import is_task_decorator
from backendlint.semantic.analyze.orm_instances import is_model_class
from backendlint.semantic.index import ProjectIndex
from backendlint.semantic.symbols import ClassSymbol, ModuleSymbols


def test_transaction_facts_survive_the_cache_round_trip() -> None:
    span = Span(4, 9, 4, 30, (4,))
    facts = TransactionFacts(
        atomic_requests=True, atomic_requests_line=7, atomic_calls=["12:9"],
        locks=[LockEvaluation("debit", span, "Account.objects.select_for_update().get()")],
        queued=[QueuedTask("place", span, "send.delay(...)", "delay", "shop.tasks.send",
                           False, 10, "block", False,
                           [PassedInstance("order", "manager", "shop.models.Order",
                                           "`Order.objects...get()`", span)])])
    stored = json.loads(json.dumps(encode(facts)))
    assert decode(TransactionFacts, stored) == facts


def test_model_class_through_the_mro_across_modules() -> None:
    models = ModuleSymbols(classes={
        "Stamped": ClassSymbol("Stamped", 3, ["django.db.models.Model"]),
        "Order": ClassSymbol("Order", 9, ["shop.models.Stamped"]),
        "Plain": ClassSymbol("Plain", 12, []),
        "Remote": ClassSymbol("Remote", 14, ["thirdparty.models.Base"]),
    })
    index = ProjectIndex([(ModuleRecord("shop/models.py", "shop.models"), models)])
    assert is_model_class(index, "shop.models.Order") is True
    assert is_model_class(index, "shop.models.Plain") is False
    assert is_model_class(index, "shop.models.Remote") is None
    assert is_model_class(index, "elsewhere.Unknown") is None
    assert is_model_class(index, "django.contrib.auth.models.User") is True


def test_task_decorators() -> None:
    assert is_task_decorator("celery.shared_task", [])
    assert is_task_decorator("celery.Celery().task", [])
    assert is_task_decorator("proj.celery.app.task", [])
    assert is_task_decorator("proj.huey.task", []) is False
    assert is_task_decorator("proj.jobs.tenant_task", []) is False
    assert is_task_decorator("proj.jobs.tenant_task", ["tenant_task"])
    assert is_task_decorator("proj.jobs.tenant_task", ["proj.jobs.*"])
    values = {"proj.queues.broker": "dramatiq.Broker()"}
    assert is_task_decorator("proj.queues.broker.task", [], values.get) is False


def test_custom_task_decorator_needs_the_option(tmp_path: Path) -> None:
    source = ("from jobs import tenant_task\n\n\n@tenant_task()\ndef publish(video_id):\n"
              "    return transcode.apply_async(args=[video_id]).get()\n")
    path = tmp_path / "tasks.py"
    path.write_text(source, encoding="utf-8")
    settings = resolve_settings(None)
    settings.enabled = frozenset({"BL906"})
    assert lint_paths([(path, "tasks.py")], settings).findings == []
    settings.options_for("data-access").task_decorators = ["tenant_task"]  # type: ignore[attr-defined]
    found = lint_paths([(path, "tasks.py")], settings).findings
    assert [(finding.code, finding.line) for finding in found] == [("BL906", 6)]
