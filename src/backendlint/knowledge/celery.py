"""Django transactions and Celery's calling API, as the data-access rules on transactions and
tasks read them (BL904-BL907). Pure tables. Task decorators and task base classes live in
`background_jobs.py` (every queue library); this module names what is Celery's alone."""

from __future__ import annotations

# Context managers and decorators that open a Django transaction (`with atomic():`,
# `@transaction.atomic`, `@transaction.atomic(using="default")`).
ATOMIC = frozenset({"django.db.transaction.atomic"})
# The decorator that takes a view out of `ATOMIC_REQUESTS`.
NON_ATOMIC_REQUESTS = frozenset({"django.db.transaction.non_atomic_requests"})
# The callback registry that runs a function after the transaction commits.
ON_COMMIT = frozenset({"django.db.transaction.on_commit"})
# The settings key that wraps every Django view in a transaction, in a `DATABASES` entry.
ATOMIC_REQUESTS_SETTING = "ATOMIC_REQUESTS"
DATABASES_SETTING = "DATABASES"

# The queryset method that takes row locks when the query runs.
SELECT_FOR_UPDATE = "select_for_update"
# Queryset methods that run the locking SELECT at once (the rest return another lazy
# queryset; `update()`, `count()` and `exists()` run other statements that take no lock).
QUERYSET_EVALUATING_METHODS = frozenset({
    "get", "first", "last", "earliest", "latest", "in_bulk", "get_or_create",
    "update_or_create", "iterator",
})
# Django shortcuts that run the queryset they are given.
QUERYSET_EVALUATING_CALLS = frozenset({"django.shortcuts.get_object_or_404",
                                       "django.shortcuts.get_list_or_404"})
# Builtins that iterate or measure a queryset, running it.
QUERYSET_EVALUATING_BUILTINS = frozenset({
    "builtins.list", "builtins.tuple", "builtins.set", "builtins.len", "builtins.bool",
    "builtins.sorted", "builtins.any", "builtins.all", "builtins.next", "builtins.iter",
    "builtins.sum", "builtins.max", "builtins.min", "builtins.dict", "builtins.enumerate",
})

# Methods that queue a task (on a task, a signature or a canvas).
QUEUE_METHODS = frozenset({"delay", "apply_async"})
# The app method that queues a task by name.
SEND_TASK = "send_task"
# Celery 5.4's methods that queue only once the open transaction commits.
ON_COMMIT_QUEUE_METHODS = frozenset({"delay_on_commit", "apply_async_on_commit"})
# Signature shortcuts on a task (`add.s(1, 2)`), whose result is queued with `apply_async`.
SIGNATURE_METHODS = frozenset({"s", "si", "signature", "subtask"})
# Canvas primitives and the signature constructor: calling one's result queues it.
CANVAS = frozenset({
    "celery.group", "celery.chord", "celery.chain", "celery.signature", "celery.chunks",
    "celery.canvas.group", "celery.canvas.chord", "celery.canvas.chain",
    "celery.canvas.signature", "celery.canvas.Signature", "celery.Signature",
})
# Result classes, and the app method that builds one from a task id.
ASYNC_RESULTS = frozenset({
    "celery.result.AsyncResult", "celery.AsyncResult", "celery.result.GroupResult",
    "celery.result.ResultSet",
})
ASYNC_RESULT_METHOD = "AsyncResult"
# Methods of a result that block until the other task finished.
RESULT_WAIT_METHODS = frozenset({"get", "wait", "join", "join_native", "collect"})
# The `.get()` keyword that turns off Celery's guard against waiting inside a task.
DISABLE_SYNC_SUBTASKS = "disable_sync_subtasks"

# The Celery app class: `app = Celery("proj")`; `@app.task` on one of its instances.
CELERY_APPS = frozenset({"celery.Celery", "celery.app.base.Celery", "celery.current_app"})
# Celery's own task decorators (a subset of background_jobs.TASK_DECORATORS).
CELERY_TASK_DECORATORS = frozenset({"celery.shared_task", "celery.task", "celery.decorators.task",
                                    "celery.decorators.periodic_task"})
# Attribute names of the app's task decorators (`@app.task`, `@celery.task(bind=True)`).
CELERY_TASK_DECORATOR_ATTRIBUTES = frozenset({"task", "periodic_task"})
# Last names of the object a project's `@<name>.task` decorator hangs on when the object is
# imported from another module and taken for a Celery app (`from proj.celery import app`).
CELERY_APP_WORDS = frozenset({"app", "celery", "celery_app", "capp", "cel", "celeryapp",
                              "worker", "tasks_app"})
# Management commands: their `handle` runs outside any request or transaction.
MANAGEMENT_COMMAND_BASES = frozenset({
    "django.core.management.base.BaseCommand", "django.core.management.BaseCommand",
    "django.core.management.base.LabelCommand", "django.core.management.base.AppCommand",
})
