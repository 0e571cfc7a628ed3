"""A broad `except` in an endpoint, error handler or task that leaves no trace."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.responses import ERROR_STATUS_CALLS, STATUS_KEYWORDS
from backendlint.practices.error_handling.analysis import ServingFunctions
from backendlint.practices.error_handling.options import ErrorHandlingOptions
from backendlint.semantic.analyze.exceptions import catches_broadly
from backendlint.semantic.analyze.logging_calls import leaves_a_trace

_BROAD_NAMES = frozenset({"Exception", "BaseException"})
# Words of HTTP status names that are errors (`status.HTTP_500_INTERNAL_SERVER_ERROR`,
# `HTTPStatus.BAD_REQUEST`).
_ERROR_STATUS_WORDS = ("HTTP_4", "HTTP_5", "ERROR", "BAD_", "FORBIDDEN", "NOT_FOUND",
                       "UNAUTHORIZED", "UNPROCESSABLE", "CONFLICT", "UNAVAILABLE", "GONE",
                       "NOT_ALLOWED", "TOO_MANY")
# Calls that tell the user something failed (a message, not a trace for operators).
_USER_MESSAGES = frozenset({"flask.flash", "django.contrib.messages.error",
                            "django.contrib.messages.warning",
                            "django.contrib.messages.add_message"})


def _error_status(node: Optional[ast.expr]) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int) and not isinstance(node.value, bool) \
            and node.value >= 400
    if isinstance(node, ast.Attribute):
        return any(word in node.attr for word in _ERROR_STATUS_WORDS)
    return False


class SwallowedExceptionInHandler(Rule):
    """## What it does
    Checks for an endpoint, error handler, Celery task or background job (a function run by
    `add_task`, `@shared_task`, `@app.task`, `dramatiq.actor`, huey, rq) that catches
    `Exception` or `BaseException`, or uses a bare `except:`, and then neither logs
    (`logger.*`, `logging.*`, `print`, `sentry_sdk.capture_*`, a helper listed in
    `log-functions`), re-raises, uses the exception, nor returns or raises an error status.
    A handler that sets a fallback value (`user = None`) or tells the user (`flash(...)`,
    `messages.error(...)`) made a decision and is not reported.

    Ruff's `BLE001` and `S110` report every broad `except` and every `except: pass`; this
    rule reports only those in code that serves requests or runs jobs, where nobody else
    will see the failure.

    ## Why is this bad?
    The request answers 200 or the task reports success while the work was not done, and
    nothing in the logs or the error tracker says why. The failure surfaces days later as
    missing data, with no trace to start from.

    ## Example
    ```python
    from celery import shared_task


    @shared_task
    def send_invoice(invoice_id: int) -> None:
        try:
            deliver(invoice_id)
        except Exception:
            pass
    ```

    Use instead:
    ```python
    import logging

    from celery import shared_task

    logger = logging.getLogger(__name__)


    @shared_task
    def send_invoice(invoice_id: int) -> None:
        try:
            deliver(invoice_id)
        except Exception:
            logger.exception("sending invoice %s failed", invoice_id)
            raise
    ```

    ## Options
    - `log-functions` in `[tool.backendlint.error-handling]`: the project's own logging
      or error-reporting helpers (qualified names or patterns).

    ## Fix safety
    There is no fix: whether to log, retry or fail is for the author to decide.
    """

    code = "BL802"
    name = "swallowed-exception-in-handler"
    severity = Severity.WARNING
    confidence = Confidence.HIGH
    cwe = 390
    requires_any_text = ("except",)

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        assert isinstance(options, ErrorHandlingOptions)
        self.log_functions = tuple(options.log_functions)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if self.ctx.is_test_file or not self._maybe_broad(node) \
                or not catches_broadly(self.semantic, node):
            return
        serving = ServingFunctions.of(self.ctx).current()
        if serving is None:
            return
        verdict = self._verdict(node)
        if verdict is None:
            return
        caught = "a bare `except`" if node.type is None else \
            f"`except {self.ctx.source.segment(node.type)}`"
        self.report(node, f"{caught} in {serving.role.value} `{serving.name}` swallows the "
                          f"failure: {verdict}; log it (`logger.exception`), re-raise, or "
                          f"answer with an error status",
                    end_node=node.type or node, confidence=self._confidence(node))

    @staticmethod
    def _maybe_broad(node: ast.ExceptHandler) -> bool:
        """The cheap test before resolving: some caught name is spelled like a broad class."""
        if node.type is None:
            return True
        elements = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        for element in elements:
            name = element.id if isinstance(element, ast.Name) else (
                element.attr if isinstance(element, ast.Attribute) else "")
            if name in _BROAD_NAMES:
                return True
        return False

    def _verdict(self, handler: ast.ExceptHandler) -> Optional[str]:
        """None when the handler leaves a trace; otherwise what it does instead."""
        for statement in handler.body:
            if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                return None  # a fallback value: a decision, not a swallowed failure
            for node in ast.walk(statement):
                if isinstance(node, ast.Raise):
                    return None
                if isinstance(node, ast.Name) and node.id == handler.name:
                    return None  # the exception is recorded, returned or passed on
                if isinstance(node, ast.Call):
                    if leaves_a_trace(self.semantic, node, self.log_functions):
                        return None
                    qualified = self.semantic.qualified_name(node.func) or ""
                    if qualified in ERROR_STATUS_CALLS or any(
                            keyword.arg in STATUS_KEYWORDS and _error_status(keyword.value)
                            for keyword in node.keywords):
                        return None
                    if qualified in _USER_MESSAGES:
                        return None  # the user is told; the failure is not silent
                    if isinstance(node.func, ast.Attribute) and node.func.attr in (
                            "retry", "update_state", "fail", "set_exception"):
                        return None
                if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) \
                        and len(node.value.elts) >= 2 and _error_status(node.value.elts[1]):
                    return None
                if isinstance(node, ast.Assign) and any(
                        isinstance(target, ast.Attribute) and target.attr in STATUS_KEYWORDS
                        for target in node.targets) and _error_status(node.value):
                    return None
        last = handler.body[-1]
        if isinstance(last, ast.Pass) or (isinstance(last, ast.Expr) and isinstance(
                last.value, ast.Constant)):
            return "the handler does nothing"
        if isinstance(last, ast.Continue):
            return "the loop goes on as if it had worked"
        if isinstance(last, ast.Return):
            return "it returns as if nothing had happened"
        return "execution goes on with no record of the error"

    @staticmethod
    def _confidence(handler: ast.ExceptHandler) -> Confidence:
        last = handler.body[-1]
        if isinstance(last, (ast.Pass, ast.Continue, ast.Return)) or (
                isinstance(last, ast.Expr) and isinstance(last.value, ast.Constant)):
            return Confidence.HIGH
        return Confidence.MEDIUM
