"""BL301: SQL built from non-constant values reaches a call that executes it."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.sql_sinks import MODULE_NEEDLES
from backendlint.practices.sql_building.project import project_links
from backendlint.practices.sql_building.rewrite import article


class SqlInjectionReachesSink(Rule):
    """## What it does
    Checks for SQL text built from non-constant values (an f-string, `%` formatting,
    `.format()`, `+`/`+=` or `str.join`) that reaches a call that executes SQL: DB-API
    `execute()`/`executemany()`/`executescript()` (sqlite3, psycopg2, psycopg, pymysql,
    MySQLdb, mysql.connector, aiosqlite, aiomysql, aiopg), asyncpg `execute()`/`fetch()`/
    `fetchrow()`/`fetchval()`/`executemany()`, SQLAlchemy `text()`, `Connection.execute()`,
    `exec_driver_sql()` and `Session.execute()` with a string, Django `Manager.raw()`,
    `QuerySet.extra()`, `RawSQL()` and `connection.cursor().execute()`, and pandas
    `read_sql()`/`read_sql_query()`, encode/databases `fetch_all()`/`fetch_one()`/
    `fetch_val()`/`execute()`/`execute_many()`/`iterate()`, and Alembic `op.execute()` (also
    on `batch_alter_table()`). The string may be built in the call, in earlier statements of
    the same function (`q += ...`), or returned by a project function in another module (the
    finding is then placed at the build site in that function).

    A template counts as SQL only when sqlglot parses it, with a placeholder in each hole, as
    a SQL statement; prose, log lines and error messages are never flagged. Constants,
    numbers (`len()`, `int()`, parameters annotated `int`), UUIDs (`uuid.uuid4()`), allow-list lookups
    (`COLUMNS[key]`), placeholder lists (`", ".join("?" * len(ids))`) and safe composition
    APIs (`psycopg.sql`, SQLAlchemy `bindparam`/`quoted_name`, Django `quote_name`) are safe
    to interpolate. Names and attributes written in UPPER_CASE are treated as constants, and
    so are Django's backend metadata (`Model._meta`, `connection.ops`, `.introspection`,
    `.features`) and variables named as composed SQL fragments (`where_sql`, `order_clause`,
    `subquery`), whose own values are judged where they are built.

    Sinks are resolved through imports and assignments. An `.execute()`/`.executemany()`,
    or a database wrapper's query method (`fetch_all`, `fetchone`, `fetchval`, ... taking
    the SQL first or as `query=`), on an object the model cannot resolve is accepted only
    when its receiver is named like a cursor or connection (`cur`, `cursor`, `conn`, `db`,
    `session`, ..., or `(conn or db)`) and its SQL argument is dynamically built SQL that
    sqlglot confirms.

    ## Why is this bad?
    Values formatted into SQL text become SQL syntax: a quote in a name ends the literal and
    the rest runs as SQL (CWE-89). Parameters are sent apart from the query and cannot change
    its structure.

    ## Example
    ```python
    import sqlite3


    def find_user(username: str):
        conn = sqlite3.connect("app.db")
        cur = conn.cursor()
        cur.execute(f"SELECT * FROM users WHERE username = '{username}'")
        return cur.fetchone()
    ```

    Use instead:
    ```python
    import sqlite3


    def find_user(username: str):
        conn = sqlite3.connect("app.db")
        cur = conn.cursor()
        cur.execute("SELECT * FROM users WHERE username = ?", (username,))
        return cur.fetchone()
    ```

    ## Options
    - `extra-sinks` in `[tool.backendlint.sql-building]`: qualified names or fnmatch patterns
      of further calls whose first argument is executed as SQL (`app.db.run_sql`).
    - `extra-safe-functions`: qualified names or patterns of calls whose results are safe to
      interpolate (`app.db.quote_column`).

    ## Fix safety
    An f-string written directly in the sink call, with every interpolated value in a value
    position and no parameters yet, is rewritten to the driver's placeholders (`?` for
    sqlite3, `%s` for psycopg/pymysql and Django, `$1` for asyncpg) with the values passed as
    parameters; quotes around a value are dropped. The fix is unsafe: the database now
    receives typed values instead of text, which can change comparisons (`'42'` vs `42`).
    Interpolated identifiers get advice (allow-list or `sql.Identifier`), never a fix.
    """

    code = "BL301"
    name = "sql-injection-reaches-sink"
    severity = Severity.ERROR
    confidence = Confidence.MEDIUM
    cwe = 89
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = MODULE_NEEDLES
    project_level = True

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """The build site of SQL returned by a project function and executed elsewhere."""
        seen: set[tuple[str, int]] = set()
        for link in project_links(project):
            key = (link.builder.path, link.returned.span.line)
            if key in seen:
                continue
            seen.add(key)
            project.report(cls, link.builder.path, link.returned.span,
                           f"SQL built with {article(link.returned.form)} from non-constant "
                           f"values is returned here and executed by {link.call.sink} at "
                           f"{link.caller.path}:{link.call.span.line}; build it with "
                           "placeholders and pass the values as parameters to that call")
