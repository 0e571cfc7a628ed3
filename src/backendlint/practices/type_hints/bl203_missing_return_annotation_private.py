"""BL203: a private or nested function without a return annotation (detected by the
practice's TypeHintsAnalysis)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.type_hints.project import report_deferred


class MissingReturnAnnotationPrivate(Rule):
    """## What it does
    Checks for private functions and methods (`_name`, `__mangled`) and functions nested in
    other functions that have no return annotation. Not reported in `.pyi` stubs.

    ## Why is this bad?
    Private helpers hold most of a service's logic; an unannotated helper returns `Any`, and
    mypy checks nothing its callers do with the result.

    ## Example
    ```python
    def _normalise(email: str):
        return email.strip().lower() == email
    ```

    Use instead:
    ```python
    def _normalise(email: str) -> bool:
        return email.strip().lower() == email
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `ignore-private` (default false): skip private functions and methods.
    - `ignore-fully-untyped` (default false): skip functions without any annotation.

    ## Fix safety
    The same inference as BL202: `-> None` when nothing is returned, the literal or builtin
    constructor type of every `return`, unions for the project's minimum Python, `NoReturn`
    (unsafe) when every path raises; unsafe for `==`-style comparisons, unknown decorators and
    classes with bases from other modules; no fix for generators, stubs and overrides of
    annotated base methods.

    A fix is also unsafe in every case where BL202's would be (it must never add a mypy
    error): overrides of another shape in subclasses across the project, definitions in
    another branch of an `if`/`try`, and untyped functions that set attributes to `None` or
    an empty container. `backendlint rule BL202` lists them.
    """

    code = "BL203"
    name = "missing-return-annotation-private"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("def ",)
    # Fixes this module judges safe wait for the project pass (callers, overrides).
    project_level = True

    @staticmethod
    def message(kind: str, function: str, nested: bool) -> str:
        if nested:
            return f"Nested function `{function}` has no return annotation"
        return f"Private {kind} `{function}` has no return annotation"

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        report_deferred(project, cls)
