"""Whether a call writes to a log, an error tracker or stderr (`logger.info`, `logging.error`,
`app.logger.warning`, `structlog`/`loguru`, `sentry_sdk.capture_exception`, `print`)."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from fnmatch import fnmatchcase

from backendlint.knowledge.logging_apis import (
    CAPTURE_NAMES,
    CAPTURE_PREFIXES,
    LOG_METHODS,
    LOGGER_WORDS,
    LOGGING_PREFIXES,
    TRACE_CALLS,
)
from backendlint.semantic.analyze.dataflow import chain_names
from backendlint.semantic.model import SemanticModel


def _names_a_logger(name: str) -> bool:
    lowered = name.lower()
    return lowered in LOGGER_WORDS or lowered.endswith(("logger", "_log"))


def is_logging_call(semantic: SemanticModel, call: ast.Call) -> bool:
    """`logger.info(...)`, `logging.error(...)`, `self.log.warning(...)`,
    `current_app.logger.exception(...)`, `structlog.get_logger().info(...)`."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in LOG_METHODS:
        return False
    qualified = semantic.qualified_name(func) or ""
    if qualified.startswith(LOGGING_PREFIXES):
        return True
    names = chain_names(func.value)
    return bool(names) and _names_a_logger(names[-1])


def is_capture_call(semantic: SemanticModel, call: ast.Call) -> bool:
    """`sentry_sdk.capture_exception(e)` and other error trackers."""
    qualified = semantic.qualified_name(call.func) or ""
    if qualified.startswith(CAPTURE_PREFIXES):
        return True
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else (
        func.id if isinstance(func, ast.Name) else "")
    return name in CAPTURE_NAMES


def is_print_call(semantic: SemanticModel, call: ast.Call) -> bool:
    return semantic.qualified_name(call.func) == "builtins.print"


def leaves_a_trace(semantic: SemanticModel, call: ast.Call,
                   helpers: Iterable[str] = ()) -> bool:
    """Whether a call records a failure: a log record, an error tracker, a printed traceback,
    or a project helper named in the options (qualified names or fnmatch patterns; a bare
    name matches the called name)."""
    if is_logging_call(semantic, call) or is_capture_call(semantic, call):
        return True
    qualified = semantic.qualified_name(call.func) or ""
    if qualified in TRACE_CALLS:
        return True
    func = call.func
    last = func.attr if isinstance(func, ast.Attribute) else (
        func.id if isinstance(func, ast.Name) else "")
    return any(fnmatchcase(qualified, pattern) or fnmatchcase(last, pattern)
               for pattern in helpers)
