"""BL304: a table/column name or SQL syntax interpolated into SQL that a sink runs."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.sql_sinks import MODULE_NEEDLES
from backendlint.practices.sql_building.project import Condition, fragment_links, project_links
from backendlint.practices.sql_building.rewrite import article


class SqlIdentifierInterpolated(Rule):
    """## What it does
    Checks for an identifier or a piece of SQL syntax (a table, column or schema name, an
    `ORDER BY` direction, a savepoint name) formatted into SQL text that reaches a call that
    executes SQL, when the value is neither a constant, an allow-list lookup nor quoted by a
    quoting helper (`psycopg.sql.Identifier`, SQLAlchemy `quoted_name`, Django
    `connection.ops.quote_name`, or a project function named like `quote_identifier` /
    `escape_name`, or one that doubles the quote character and wraps the name in quotes), nor
    checked by the function before the use (an anchored word-only regex, `isidentifier()`),
    nor read from the database's own catalog (`sqlite_master`, `information_schema`,
    `SHOW TABLES`). A hole that calls a project function (`WHERE {build_where(x)}`, in any
    module) is judged by what that function returns: BL301 where it builds a condition from
    values, nothing when it returns safe text, and this finding when its result cannot be read.

    Values (a quoted literal, a comparison operand, `IN (...)`, `LIMIT`) are BL301: an
    identifier cannot be passed as a parameter, so this is the weaker finding, and binding
    the values of a query leaves at most this one.

    ## Why is this bad?
    A name formatted into SQL is SQL syntax: when it comes from a caller (a constructor
    argument, a request, a configuration a user edits) a crafted name changes the statement
    (CWE-89). Parameters cannot carry identifiers, so names must be checked against the set
    the code expects, or quoted for the database.

    ## Example
    ```python
    import sqlite3


    def count_rows(conn: sqlite3.Connection, table: str) -> int:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    ```

    Use instead:
    ```python
    import sqlite3

    TABLES = {"users": "users", "orders": "orders"}


    def count_rows(conn: sqlite3.Connection, table: str) -> int:
        return conn.execute(f"SELECT count(*) FROM {TABLES[table]}").fetchone()[0]
    ```

    ## Options
    - `extra-sinks` in `[tool.backendlint.sql-building]`: further calls that execute SQL.
    - `extra-safe-functions`: calls whose results are safe to interpolate (a project's own
      quoting or allow-list helper that its name and body do not reveal).

    ## Fix safety
    There is no fix: which names are allowed is the application's decision.
    """

    code = "BL304"
    name = "sql-identifier-interpolated"
    severity = Severity.WARNING
    confidence = Confidence.MEDIUM
    cwe = 89
    requires_any_text = MODULE_NEEDLES
    project_level = True

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """The build site of returned SQL, executed elsewhere, whose only unsafe holes are
        identifiers."""
        seen: set[tuple[str, int]] = set()
        for link in project_links(project):
            key = (link.builder.path, link.returned.span.line)
            if key in seen or link.returned.values or not link.returned.identifiers:
                continue
            seen.add(key)
            names = ", ".join(f"`{name}`" for name in link.returned.identifiers)
            project.report(cls, link.builder.path, link.returned.span,
                           f"{names} interpolated as a table/column name or SQL syntax into SQL "
                           f"({article(link.returned.form)}) that is returned here and executed "
                           f"by {link.call.sink} at {link.caller.path}:{link.call.span.line}: "
                           "check it against an allow-list or compose with "
                           "`psycopg.sql.Identifier`")
        for fragment in fragment_links(project):
            if all(isinstance(verdict, Condition) or verdict == "safe"
                   for verdict in fragment.verdicts):
                continue  # BL301 where the condition is built, or nothing to say
            project.report(cls, fragment.caller.path, fragment.call.span,
                           fragment.call.message,
                           confidence=Confidence(fragment.call.confidence))
