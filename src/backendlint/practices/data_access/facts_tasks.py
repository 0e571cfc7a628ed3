"""Typed facts of the transaction and task rules (BL904, BL905, BL907): what one module says
about transactions, row locks and queued tasks, joined across modules in the project pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional

from backendlint.core.facts import ModuleFacts, Span


@dataclass
class PassedInstance:
    """An argument of a queued task that may be an ORM model instance (BL907)."""

    written: str   # the argument as written: `order`
    kind: str      # an `OriginKind` value
    cls: str       # the class to check (model, or serializer for `serializer.save()`)
    how: str       # where it came from, for the message
    span: Span


@dataclass
class QueuedTask:
    """A call that queues a Celery task: `send.delay(...)`, `send.apply_async(...)`,
    `app.send_task("name", ...)`, `send.s(...).apply_async()`."""

    function: str  # qualname of the function it is in ("" at module level)
    span: Span
    written: str   # `send_receipt.delay(...)`
    method: str    # delay / apply_async / send_task
    callee: str    # what the method is called on, qualified ("" when unresolved)
    by_name: bool  # `send_task("name")`: a Celery app queues the task by its name
    # The `with transaction.atomic():` block or `@transaction.atomic` decorator around it
    # in its own function (0: none).
    atomic_line: int = 0
    atomic_kind: str = ""  # block / decorator
    # In a lambda (`transaction.on_commit(lambda: send.delay(pk))`): it runs when called.
    deferred: bool = False
    passed: list[PassedInstance] = field(default_factory=list)


@dataclass
class LockEvaluation:
    """Where a `select_for_update()` queryset is run outside an atomic block of its own
    function (BL904)."""

    function: str
    span: Span
    written: str   # `Account.objects.select_for_update().get(...)`


@dataclass
class TransactionFacts(ModuleFacts):
    practice: ClassVar[str] = "data-access.transactions"
    version: ClassVar[int] = 1

    # `DATABASES` in this module: True when an entry sets `ATOMIC_REQUESTS = True`, False
    # when none does, None when the module has no `DATABASES`.
    atomic_requests: Optional[bool] = None
    atomic_requests_line: int = 0
    # `line:column` of every call made inside an atomic block or atomic function here: a
    # project function called there runs in the transaction.
    atomic_calls: list[str] = field(default_factory=list)
    locks: list[LockEvaluation] = field(default_factory=list)
    queued: list[QueuedTask] = field(default_factory=list)
