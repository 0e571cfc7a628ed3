"""BL302: SQL built from non-constant values that is not seen reaching a sink."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.sql_sinks import MODULE_NEEDLES
from backendlint.practices.sql_building.facts import SqlBuildingFacts
from backendlint.practices.sql_building.project import project_links
from backendlint.practices.sql_building.rewrite import stored_message
from backendlint.semantic.analyze.testcode import is_test_path


class StoredDynamicSql(Rule):
    """## What it does
    Checks for SQL text built from non-constant values that is not seen reaching a sink: it
    is returned, stored in an attribute or passed to another function. When the project pass
    sees a returned string executed elsewhere, BL301 is reported at the build site instead.

    ## Why is this bad?
    A query assembled by formatting values in one place is usually executed in another, where
    nobody sees that its text came from user input. Build queries with placeholders and keep
    the values beside them as parameters.

    ## Example
    ```python
    def orders_query(customer: str) -> str:
        return f"SELECT * FROM orders WHERE customer = '{customer}'"
    ```

    Use instead:
    ```python
    def orders_query(customer: str) -> tuple[str, tuple[str]]:
        return "SELECT * FROM orders WHERE customer = %s", (customer,)
    ```

    ## Options
    - `extra-sinks` in `[tool.backendlint.sql-building]`: further calls that execute SQL (a
      string passed to one of them is BL301, not BL302).
    - `extra-safe-functions`: calls whose results are safe to interpolate.

    ## Fix safety
    There is no fix: the values must travel to the place where the query runs.
    """

    code = "BL302"
    name = "dynamic-sql-not-executed-here"
    severity = Severity.WARNING
    confidence = Confidence.LOW
    cwe = 89
    requires_any_text = MODULE_NEEDLES
    project_level = True

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """Returned SQL that no sink in the project is seen consuming."""
        consumed = {(link.builder.path, link.returned.span.line)
                    for link in project_links(project)}
        for module, facts in project.typed_facts(SqlBuildingFacts):
            for returned in facts.returns.values():
                if (module.path, returned.span.line) in consumed or is_test_path(module.path) \
                        or not returned.values:
                    continue
                project.report(cls, module.path, returned.span,
                               stored_message(returned.form, True, returned.values))
