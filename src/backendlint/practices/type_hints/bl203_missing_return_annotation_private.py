"""BL203: a private or nested function without a return annotation (detected by the
practice's TypeHintsAnalysis)."""

from __future__ import annotations

from backendlint.core.findings import FixAvailability, Severity
from backendlint.core.rule import Rule


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
    """

    code = "BL203"
    name = "missing-return-annotation-private"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("def ",)

    @staticmethod
    def message(kind: str, function: str, nested: bool) -> str:
        if nested:
            return f"Nested function `{function}` has no return annotation"
        return f"Private {kind} `{function}` has no return annotation"
