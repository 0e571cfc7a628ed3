"""Options of the async-blocking practice, read from `[tool.backendlint.async-blocking]`."""

from __future__ import annotations

from dataclasses import dataclass, field

from backendlint.core.practice import PracticeOptions


@dataclass
class AsyncBlockingOptions(PracticeOptions):
    # Qualified names or fnmatch patterns (`mylib.db.*`) of further blocking calls, reported
    # as BL105 unless an entry names its code (`mylib.http.*:BL102`); BL107 follows them.
    extra_blocking_calls: list[str] = field(default_factory=list)
    # Decorators that run a sync function in a worker thread, like `asgiref.sync.sync_to_async`.
    extra_thread_wrappers: list[str] = field(default_factory=list)
    # Qualified names or patterns accepted as non-blocking: library calls (`builtins.open`,
    # `requests.Session.get`) or project functions, which then stop BL107's propagation.
    ignore: list[str] = field(default_factory=list)
