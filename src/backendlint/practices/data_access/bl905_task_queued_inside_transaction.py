"""BL905 task-queued-inside-transaction."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Related, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.data_access.transactions import (
    Standing,
    TransactionJudge,
    TransactionRule,
)


class TaskQueuedInsideTransaction(TransactionRule):
    """## What it does
    Checks for a Celery task queued inside a Django transaction: `.delay()`,
    `.apply_async()`, `app.send_task(...)` or `task.s(...).apply_async()` in a
    `with transaction.atomic():` block or an `@transaction.atomic` function, in a view while
    `ATOMIC_REQUESTS = True` is set in `DATABASES`, or in a function that a caller in the
    project calls inside one. Which callee is a task is resolved across modules: functions
    decorated `@shared_task`, `@app.task` or a decorator named in `task-decorators`,
    `celery.Task` subclasses, signatures and canvases.

    A call inside `transaction.on_commit(lambda: ...)` (or a function passed to it), and
    Celery 5.4's `delay_on_commit()` / `apply_async_on_commit()`, are fine.

    ## Why is this bad?
    The message reaches the broker at once, but the rows the task needs are only visible
    after the commit. A worker often starts first and reads the old row or none
    (`DoesNotExist`), and when the transaction rolls back the task still runs.

    ## Example
    ```python
    from celery import shared_task
    from django.db import transaction

    from shop.models import Order


    @shared_task
    def send_receipt(order_id: int) -> None:
        ...


    def place_order(cart) -> None:
        with transaction.atomic():
            order = Order.objects.create(cart=cart)
            send_receipt.delay(order.pk)
    ```

    Use instead:
    ```python
    from celery import shared_task
    from django.db import transaction

    from shop.models import Order


    @shared_task
    def send_receipt(order_id: int) -> None:
        ...


    def place_order(cart) -> None:
        with transaction.atomic():
            order = Order.objects.create(cart=cart)
            transaction.on_commit(lambda: send_receipt.delay(order.pk))
    ```

    ## Options
    - `task-decorators` in `[tool.backendlint.data-access]`: the project's own decorators
      that make a function a Celery task (qualified names or fnmatch patterns; a bare name
      matches the decorator's last name), besides `shared_task`, `app.task` and
      `celery.task`.

    ## Fix safety
    No fix: moving the call into `transaction.on_commit` changes when the task runs and what a
    failing commit does to it.
    """

    code = "BL905"
    name = "task-queued-inside-transaction"
    severity = Severity.WARNING
    confidence = Confidence.HIGH

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        judge = project.computed(lambda: TransactionJudge(project), TransactionJudge)
        for record, facts in judge.modules:
            for queued in facts.queued:
                if queued.deferred:
                    continue
                related: tuple[Related, ...] = ()
                confidence = None
                if queued.atomic_line:
                    where = (f"the `transaction.atomic` block at line {queued.atomic_line}"
                             if queued.atomic_kind == "block" else
                             f"a function decorated `@transaction.atomic` (line "
                             f"{queued.atomic_line})")
                elif queued.function:
                    verdict = judge.standing(f"{record.module}.{queued.function}")
                    if verdict.standing is not Standing.INSIDE:
                        continue
                    where = f"a transaction ({verdict.reason})"
                    related = verdict.related
                    if related and "calls" in verdict.reason:
                        confidence = Confidence.MEDIUM
                else:
                    continue
                task = judge.task_standing(queued)
                if task is False:
                    continue
                unsure = ""
                if task is None:
                    confidence = Confidence.MEDIUM
                    unsure = (" (what it is called on was not found among the linted "
                              "modules; it is called like a Celery task)")
                later = ("`" + queued.written.replace(f".{queued.method}(", f".{queued.method}"
                                                      "_on_commit(") + "`"
                         if queued.method != "send_task" else "")
                instead = f" or {later} (Celery 5.4)" if later else ""
                message = (f"`{queued.written}` queues a Celery task inside {where}{unsure}: "
                           "a worker can run it before the commit and read the old rows or "
                           "none, and it still runs if the transaction rolls back; queue it "
                           f"from `transaction.on_commit(lambda: ...)`{instead}")
                project.report(cls, record.path, queued.span, message, confidence=confidence,
                               related=related)
