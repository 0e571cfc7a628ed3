"""BL205: a FastAPI path operation or dependency parameter without an annotation (detected by
the practice's TypeHintsAnalysis; dependencies used from other modules by the project pass)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.type_hints.bl201_missing_parameter_annotation import (
    MissingParameterAnnotation,
)
from backendlint.practices.type_hints.facts import DependencyCandidate, TypeHintsFacts


class FastAPIParameterWithoutAnnotation(Rule):
    """## What it does
    Checks for parameters without an annotation in a FastAPI path operation (a function
    decorated with `@app.get(...)`, `.post`, `.put`, `.patch`, `.delete`, `.options`, `.head`,
    `.trace`, `.api_route` or `.websocket` on a `FastAPI()` or `APIRouter()` instance) and in a
    dependency function (one passed to `Depends(...)` or `Security(...)`, in its own module or,
    through the project pass, in another). These parameters get this error instead of BL201.

    ## Why is this bad?
    FastAPI decides from the annotation where a parameter comes from and how to validate it.
    Without one, the parameter becomes a query parameter taken as an unvalidated string: an
    `item_id` is never checked to be an integer, a `request` or `websocket` parameter is read
    from the query string instead of being injected, and the OpenAPI schema documents nothing.
    A dependency parameter (`db=Depends(get_db)`) without annotation is untyped in the body.

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id, limit=10) -> dict:
        return {"id": item_id, "limit": limit}
    ```

    Use instead:
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int, limit: int = 10) -> dict:
        return {"id": item_id, "limit": limit}
    ```

    ## Options
    None of the `[tool.backendlint.type-hints]` options apply: an unannotated FastAPI input is
    a validation gap whatever the project's annotation policy. A module-level dependency used
    with `Depends()` from another module is found by the project pass (its module must mention
    `fastapi`); a method used that way is reported by BL201.

    ## Fix safety
    A parameter with a literal default gets that literal's type (`limit=10` →
    `limit: int = 10`). The fix is always unsafe: the annotation changes what FastAPI accepts
    at runtime (a non-integer `limit` becomes a 422 response instead of a string).
    """

    code = "BL205"
    name = "fastapi-parameter-without-annotation"
    severity = Severity.ERROR
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("fastapi",)
    project_level = True

    @staticmethod
    def message(parameter: str, kind: str, function: str, injected: bool) -> str:
        name = f"`{parameter}` of FastAPI {kind} `{function}`"
        if injected:
            return f"Parameter {name} has no annotation: the injected value is untyped"
        return (f"Parameter {name} has no annotation: FastAPI reads it as an unvalidated query "
                "string")

    @staticmethod
    def fix_title(parameter: str, annotation: str) -> str:
        return f"Annotate `{parameter}` as `{annotation}`"

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """Dependencies defined in one module and passed to `Depends()` in another: their
        parameters are FastAPI inputs too, reported here instead of as BL201."""
        facts = project.typed_facts(TypeHintsFacts)
        candidates: dict[tuple[str, str], list[DependencyCandidate]] = {}
        for module, module_facts in facts:
            for entry in module_facts.dependency_candidates:
                candidates.setdefault((module.path, entry.key), []).append(entry)
        reported: set[tuple[str, int, int]] = set()
        for module, module_facts in facts:
            for target in module_facts.depends_targets:
                resolved = project.resolve(target)
                if resolved is None or resolved[0]["path"] == module.path:
                    continue
                path = resolved[0]["path"]
                for entry in candidates.get((path, resolved[1]), []):
                    place = (path, entry.span.line, entry.span.column)
                    if place in reported:
                        continue
                    reported.add(place)
                    if project.report(cls, path, entry.span, entry.message, fix=entry.fix):
                        project.supersede(path, entry.span, MissingParameterAnnotation.code)
