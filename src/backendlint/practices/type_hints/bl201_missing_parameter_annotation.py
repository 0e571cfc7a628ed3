"""BL201: a parameter without a type annotation (detected by the practice's
TypeHintsAnalysis)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.type_hints.project import report_deferred


class MissingParameterAnnotation(Rule):
    """## What it does
    Checks for function and method parameters without a type annotation, including `*args`
    and `**kwargs`. The first parameter of a method (`self`, `cls`) is exempt; so is every
    parameter of a FastAPI path operation or dependency, which BL205 reports instead (one
    finding per parameter, never both).

    ## Why is this bad?
    An unannotated parameter is `Any` to a type checker: mypy skips the body of a function
    with no annotations at all, and calls to it are not checked. Service code is read far
    more than it is written; the annotation is the contract of the function.

    ## Example
    ```python
    def send_invoice(invoice_id, retries=3, *recipients):
        ...
    ```

    Use instead:
    ```python
    def send_invoice(invoice_id: int, retries: int = 3, *recipients: str) -> None:
        ...
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `suppress-dummy-args` (default false): parameters named with a leading `_` need no
      annotation.
    - `ignore-private` (default false): skip functions and methods named `_private`.
    - `ignore-fully-untyped` (default false): skip functions that have no annotation at all,
      to adopt annotations one function at a time.

    ## Fix safety
    A parameter whose default is a literal gets that literal's type (`name="x"` →
    `name: str = "x"`, `flag=False` → `bool`, `ratio=0.5` → `float`, `b"x"` → `bytes`).
    The fix is safe for `str`, `bytes`, `bool` and `float` defaults. It is unsafe for an
    `int` default (callers often pass floats to `timeout=5`), and for any function with a
    decorator other than `staticmethod`, `classmethod`, `property` and `functools` caches,
    because decorators such as FastAPI's, typer's or `functools.singledispatch` read
    annotations at runtime. A `None` default or any other default gets no fix.

    A safe fix must never add a mypy error, so the fix is also unsafe (its description says
    why) when the body assigns the parameter a value of another type; when a call anywhere
    in the project passes `None`, another type, a variable or unpacked `*args`/`**kwargs`
    for it (every call is read through the project index); when the function is passed
    around as a value (a callback: its calls cannot be seen); for methods and nested
    functions (calls through instances and closures cannot all be seen); when another
    branch of the `if`/`try` around it defines the same function (mypy requires identical
    signatures); and when the annotation makes an otherwise untyped function typed while it
    sets attributes to `None` or an empty container (mypy then types them from that).
    """

    code = "BL201"
    name = "missing-parameter-annotation"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("def ",)
    # Fixes this module judges safe wait for the project pass (callers, overrides).
    project_level = True

    @staticmethod
    def message(parameter: str, function: str) -> str:
        return f"Parameter `{parameter}` of `{function}` has no type annotation"

    @staticmethod
    def fix_title(parameter: str, annotation: str) -> str:
        return f"Annotate `{parameter}` as `{annotation}`"

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        report_deferred(project, cls)
