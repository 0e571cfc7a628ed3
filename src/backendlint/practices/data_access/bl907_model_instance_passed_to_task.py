"""BL907 model-instance-passed-to-task."""

from __future__ import annotations

from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.data_access.facts_tasks import PassedInstance
from backendlint.practices.data_access.transactions import TransactionJudge, TransactionRule
from backendlint.semantic.analyze.orm_instances import (
    OriginKind,
    is_model_class,
    is_model_serializer,
)


class ModelInstancePassedToTask(TransactionRule):
    """## What it does
    Checks for an ORM model instance passed to a Celery task: as an argument of `.delay()`,
    in `args=[...]`/`kwargs={...}` of `.apply_async()` or `app.send_task()`, or to a
    signature (`task.s(order)`). A value counts as an instance when it comes from
    `Model.objects.get()`/`create()`/`first()`/`last()`, `get_object_or_404(Model, ...)`,
    `self.get_object()` in a view with a `queryset` or `model`, `serializer.save()` of a
    `ModelSerializer`, a parameter annotated with a model class, or `request.user`. Whether a
    class is a model is decided through its bases across modules.

    `order.pk`, `order.id`, strings, numbers and dicts are not reported.

    ## Why is this bad?
    The task gets a copy of the row as it was when it was queued, not as it is when the task
    runs: it may act on stale fields or on a row deleted since. With the default JSON
    serializer the call fails (`Object of type Order is not JSON serializable`); with pickle
    every message carries a whole object graph and ties the worker to the model's code.

    ## Example
    ```python
    from celery import shared_task
    from django.db import models


    class Order(models.Model):
        total = models.IntegerField()


    @shared_task
    def send_receipt(order) -> None:
        ...


    def checkout(order_id: int) -> None:
        order = Order.objects.get(pk=order_id)
        send_receipt.delay(order)
    ```

    Use instead:
    ```python
    from celery import shared_task
    from django.db import models


    class Order(models.Model):
        total = models.IntegerField()


    @shared_task
    def send_receipt(order_id: int) -> None:
        order = Order.objects.get(pk=order_id)
        ...


    def checkout(order_id: int) -> None:
        order = Order.objects.get(pk=order_id)
        send_receipt.delay(order.pk)
    ```

    ## Options
    - `task-decorators` in `[tool.backendlint.data-access]`: functions decorated with
      the project's own task decorators named there are tasks like `@shared_task` ones (see BL905).

    ## Fix safety
    No fix: the task must then load the row from its primary key, a change to its signature and
    body.
    """

    code = "BL907"
    name = "model-instance-passed-to-task"
    severity = Severity.WARNING
    confidence = Confidence.HIGH

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        judge = project.computed(lambda: TransactionJudge(project), TransactionJudge)
        for record, facts in judge.modules:
            for queued in facts.queued:
                if not queued.passed:
                    continue
                task = judge.task_standing(queued)
                if task is False:
                    continue
                for passed in queued.passed:
                    model = _judge_instance(judge, passed)
                    if model is False:
                        continue
                    confidence = None
                    doubt = ""
                    if model is None:
                        confidence = Confidence.MEDIUM
                        doubt = (f" (`{passed.cls.rsplit('.', 1)[-1]}` was not found among "
                                 "the linted modules; its `.objects` manager makes it a "
                                 "Django model)")
                    if task is None:
                        confidence = Confidence.MEDIUM
                        doubt += (" (the callee was not found among the linted modules; it "
                                  "is called like a Celery task)")
                    what = ("the user of the request" if passed.kind == OriginKind.USER.value
                            else f"a model instance from {passed.how}")
                    message = (f"`{passed.written}` is {what}{doubt}, passed to "
                               f"`{queued.written}`: the task gets a copy made when it was "
                               "queued (JSON cannot serialise it; pickle carries a stale "
                               f"row); pass the primary key (`{passed.written}.pk`) and load "
                               "the row in the task")
                    project.report(cls, record.path, passed.span, message,
                                   confidence=confidence)


def _judge_instance(judge: TransactionJudge, passed: PassedInstance) -> Optional[bool]:
    """True: a model instance; None: the class was not found but the code reads a model
    manager; False: not a model (or not sure enough to say)."""
    kind = OriginKind(passed.kind)
    if kind is OriginKind.USER:
        return True
    if kind is OriginKind.SERIALIZER:
        return is_model_serializer(judge.index, passed.cls)
    found = is_model_class(judge.index, passed.cls)
    if kind is OriginKind.ANNOTATION:
        return bool(found)
    return found
