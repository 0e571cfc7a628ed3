"""BL202: a public function without a return annotation (detected by the practice's
TypeHintsAnalysis)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.type_hints.project import report_deferred


class MissingReturnAnnotationPublic(Rule):
    """## What it does
    Checks for public functions and methods (names without a leading underscore, and special
    methods such as `__str__`) that have no return annotation. `__init__` needs none when
    one of its parameters is annotated (as mypy accepts); overload variants and the
    implementation behind them are checked like any function, as mypy does; lambdas never.

    ## Why is this bad?
    Without a return annotation every caller gets `Any` back, so mypy checks nothing that is
    done with the result, and a function with no annotations at all is not checked inside.

    ## Example
    ```python
    def build_report(rows):
        return {"count": len(rows)}

    def audit(event: str):
        print(event)
    ```

    Use instead:
    ```python
    def build_report(rows: list[str]) -> dict:
        return {"count": len(rows)}

    def audit(event: str) -> None:
        print(event)
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `mypy-init-return` (default true): `__init__` needs no `-> None` when any parameter is
      annotated.
    - `ignore-fully-untyped` (default false): skip functions without any annotation.

    ## Fix safety
    The fix infers the type from the function's own `return` statements (those in nested
    functions, lambdas and classes do not count; those inside loops, `with` and `try` do):
    - no `return` with a value and no `yield` → `-> None`;
    - each value a literal (`int`, `str`, `bytes`, `float`, `bool`, `None`), a call of a
      builtin constructor (`int(...)`, `dict(...)`, ... resolved, so a shadowed `dict` is not
      trusted), `not ...`, an f-string, a dict/list/set/tuple display or comprehension → that
      type (bare `dict`, `list`); several types → a union spelled for the project's minimum
      Python (`int | None` from 3.10, else `Optional[int]` / `Union[...]` with the import).
      When the body can fall off its end after returning a value elsewhere there is no fix:
      `X | None` would be right, but mypy then asks for an explicit `return None`, which is
      a change of code, not of annotations;
    - special methods whose result the interpreter checks (`__str__` → `str`, `__len__` →
      `int`, `__bool__` → `bool`, `__init__` → `None`, ...) → that type.
    Any other returned expression (a variable, an attribute, a call of anything but a builtin
    constructor) means no fix, never a guess. There is no fix for generators (the right
    `Iterator[...]` needs the yielded type), abstract
    methods, `@overload` variants, bodies that are only `...` / `raise NotImplementedError` /
    a docstring, `Protocol` members, methods that override a method annotated in a base
    class defined in the same module, or methods that override one a builtin or
    standard-library base defines (`dict.get`, `logging.Handler.emit`: typeshed types it, and
    the fix does not know that signature). To learn what a standard-library base defines,
    backendlint imports its module, but only from the packages backend code subclasses
    (`collections`, `logging`, `http`, `unittest`, ...), each checked to do nothing but define
    names on import; a base from any other module (`this`, which prints on import, or any
    `__main__`) counts as defined elsewhere.

    The fix is safe when the inferred type is certain. It is unsafe when a comparison with
    `==`, `<`, ... decides the type (`bool` is wrong for SQLAlchemy columns and numpy arrays;
    `is`, `in` and `not` always give a bool), when the function has a decorator other than
    `staticmethod`, `classmethod`, `property` and `functools` caches (FastAPI reads the return
    annotation as the response model), when the class has a base defined in another module
    (its annotation of the same method is unknown), and for `NoReturn`, which is added only
    when every path ends in `raise` and there is no `return`.

    A safe fix must never add a mypy error: a method's fix is also unsafe when a subclass
    anywhere in the project (found through the project index's MRO) overrides it with
    `async def`, with another return annotation (written or to be added), or returns a
    value under a base that would get `-> None`; when another branch of the `if`/`try`
    around the function defines it too (mypy requires identical signatures); and when the
    function is otherwise untyped and sets attributes to `None` or an empty container
    (`self.conn = None` in `__init__`: once annotated, mypy types the attribute `None`).
    """

    code = "BL202"
    name = "missing-return-annotation-public"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("def ",)
    # Fixes this module judges safe wait for the project pass (callers, overrides).
    project_level = True

    @staticmethod
    def message(kind: str, function: str) -> str:
        return f"Public {kind} `{function}` has no return annotation"

    @staticmethod
    def fix_title(annotation: str) -> str:
        return f"Add return annotation `{annotation}`"

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        report_deferred(project, cls)
