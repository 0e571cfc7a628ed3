"""Options of the data-access practice, `[tool.backendlint.data-access]`."""

from __future__ import annotations

from dataclasses import dataclass, field

from backendlint.core.practice import PracticeOptions


@dataclass
class DataAccessOptions(PracticeOptions):
    # The project's factories that build a client or pool once and hand the same one back
    # (qualified names or fnmatch patterns; a bare name matches the function name): BL901
    # does not report a call to one inside a request.
    memoised_factories: list[str] = field(default_factory=list)
    # The project's own decorators that make a function a Celery task (qualified names or
    # fnmatch patterns; a bare name matches the decorator's name), besides `shared_task`,
    # `app.task` and `celery.task`.
    task_decorators: list[str] = field(default_factory=list)
