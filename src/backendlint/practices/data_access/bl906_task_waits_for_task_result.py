"""BL906 task-waits-for-task-result."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.celery import (
    ASYNC_RESULT_METHOD,
    ASYNC_RESULTS,
    CANVAS,
    DISABLE_SYNC_SUBTASKS,
    QUEUE_METHODS,
    RESULT_WAIT_METHODS,
    SEND_TASK,
    SIGNATURE_METHODS,
)
from backendlint.practices.data_access.options import DataAccessOptions
from backendlint.practices.data_access.tasks import is_task_function
from backendlint.semantic.analyze.arguments import keyword_is_constant

_FOLLOW_DEPTH = 3


class TaskWaitsForTaskResult(Rule):
    """## What it does
    Checks for a Celery task that waits for another task's result: `.get()` (or `.wait()`,
    `.join()`, `.collect()`) on what `.delay()`, `.apply_async()`, `app.send_task()` or
    `AsyncResult(task_id)` return, on a called `group(...)`, `chord(...)` or `chain(...)`,
    inside the body of a function decorated as a task (`@shared_task`, `@app.task`, the
    `task-decorators` option) or the `run` method of a `celery.Task` subclass.

    Waiting outside a task (a view, a management command, a script) is not reported here;
    in an `async def` the wait blocks the event loop and BL102 reports it.

    ## Why is this bad?
    The waiting task holds a worker process while the task it waits for needs one too: once
    every process of the pool waits, nothing runs and the workers deadlock. Celery refuses
    it (`RuntimeError: Never call result.get() within a task!`) unless the call passes
    `disable_sync_subtasks=False`, which removes the guard, not the deadlock.

    ## Example
    ```python
    from celery import shared_task


    @shared_task
    def render_page(page_id: int) -> str:
        ...


    @shared_task
    def publish(page_id: int) -> None:
        html = render_page.delay(page_id).get(timeout=30)
        print(html)
    ```

    Use instead:
    ```python
    from celery import chain, shared_task


    @shared_task
    def render_page(page_id: int) -> str:
        ...


    @shared_task
    def upload(html: str) -> None:
        print(html)


    @shared_task
    def publish(page_id: int) -> None:
        chain(render_page.s(page_id), upload.s()).apply_async()
    ```

    ## Options
    - `task-decorators` in `[tool.backendlint.data-access]`: the project's own decorators
      that make a function a Celery task (see BL905).

    ## Fix safety
    No fix: splitting a task into a chain or a chord changes its design.
    """

    code = "BL906"
    name = "task-waits-for-task-result"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    requires_any_text = ("delay", "apply_async", "send_task", "AsyncResult", "group", "chord",
                         "chain")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in RESULT_WAIT_METHODS):
            return
        if self.ctx.is_test_file or self.semantic.in_async_function():
            return
        source = self._result_source(func.value, 0)
        if source is None:
            return
        function = self.semantic.current_function()
        if function is None or self.semantic.scope.node is not function:
            return
        assert isinstance(self.options, DataAccessOptions)
        if not is_task_function(self.semantic, function, self.options.task_decorators):
            return
        guard = ("; here `disable_sync_subtasks=False` turns off Celery's guard, not the "
                 "deadlock" if keyword_is_constant(node, DISABLE_SYNC_SUBTASKS, False)
                 else "; Celery raises `RuntimeError` here unless the call passes "
                      "`disable_sync_subtasks=False`")
        written = " ".join(self.ctx.source.segment(source).split())
        if len(written) > 60:
            written = written[:57] + "..."
        self.report(node, f"The Celery task `{function.name}` waits with `.{func.attr}()` for "
                          f"the result of `{written}`: once every worker process waits, the "
                          f"pool deadlocks{guard}; chain the work (`chain(...)`, "
                          "`link=`) or collect results with a `chord` instead")

    def _result_source(self, expr: ast.expr, depth: int) -> Optional[ast.expr]:
        """The call that made a task result: `x.delay(...)`, `AsyncResult(id)`,
        `group(...)()`, through names assigned in this function."""
        if isinstance(expr, ast.Name) and depth < _FOLLOW_DEPTH:
            value = self.semantic.value_of(expr.id)
            return self._result_source(value, depth + 1) if value is not None else None
        if not isinstance(expr, ast.Call):
            return None
        func = expr.func
        if isinstance(func, ast.Attribute) and (
                func.attr in QUEUE_METHODS or func.attr in (SEND_TASK, ASYNC_RESULT_METHOD)):
            return expr
        qualified = self.semantic.qualified_name(func) or ""
        if qualified in ASYNC_RESULTS:
            return expr
        if isinstance(func, ast.Name) and depth < _FOLLOW_DEPTH:
            assigned = self.semantic.value_of(func.id)  # `job = group(...)`, then `job()`
            if isinstance(assigned, ast.Call):
                func = assigned
        if isinstance(func, ast.Call) and self._is_canvas(func):
            return expr  # `group(...)()`, `chain(...)()`, `add.s(1)()`
        if isinstance(func, ast.BinOp) and isinstance(func.op, ast.BitOr):
            return expr  # `(a.s() | b.s())()`
        return None

    def _is_canvas(self, call: ast.Call) -> bool:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in SIGNATURE_METHODS:
            return True
        qualified = self.semantic.qualified_name(func) or ""
        return qualified in CANVAS
