"""What runs code outside a request, where nobody sees a failure but the logs: task and job
decorators of queue libraries and the calls that schedule a function. Pure tables."""

from __future__ import annotations

# Decorators (qualified names of the called function) that make a function a task or job.
TASK_DECORATORS = frozenset({
    "celery.shared_task", "celery.task", "celery.decorators.task",
    "celery.decorators.periodic_task", "dramatiq.actor", "rq.decorators.job", "rq.job",
    "huey.api.Huey.task", "huey.contrib.djhuey.task", "huey.contrib.djhuey.db_task",
    "huey.contrib.djhuey.periodic_task", "huey.contrib.djhuey.db_periodic_task",
    "django_rq.job", "apscheduler.scheduler.scheduled_job", "taskiq.task",
    "arq.worker.func", "procrastinate.App.task",
})
# Attribute names of decorators on a queue app (`@app.task`, `@celery.task(bind=True)`,
# `@huey.periodic_task(...)`, `@scheduler.scheduled_job(...)`, `@broker.task`).
TASK_DECORATOR_ATTRIBUTES = frozenset({"task", "periodic_task", "db_task", "db_periodic_task",
                                       "scheduled_job", "actor", "job", "cron"})
# Receiver words of such decorators: the object must look like a queue app.
TASK_RECEIVER_WORDS = frozenset({"app", "celery", "celery_app", "huey", "scheduler", "broker",
                                 "worker", "queue", "tasks", "rq", "dramatiq", "taskiq",
                                 "capp", "cel", "celeryapp"})
# Base classes of class-based tasks, whose `run` method is the task.
TASK_BASES = frozenset({"celery.Task", "celery.app.task.Task"})
# Methods that schedule a function to run in the background: the argument is a job.
SCHEDULING_METHODS = frozenset({"add_task", "add_job", "enqueue", "enqueue_call",
                                "run_in_executor", "submit"})
SCHEDULING_CALLS = frozenset({"starlette.background.BackgroundTask",
                              "fastapi.BackgroundTasks.add_task", "threading.Thread"})
