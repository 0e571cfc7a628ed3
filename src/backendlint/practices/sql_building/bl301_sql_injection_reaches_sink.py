"""BL301: SQL built from non-constant values reaches a call that executes it."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.sql_sinks import MODULE_NEEDLES
from backendlint.practices.sql_building.project import Condition, fragment_links, project_links
from backendlint.practices.sql_building.rewrite import article


class SqlInjectionReachesSink(Rule):
    """## What it does
    Checks for a value formatted into SQL text (an f-string, `%` formatting, `.format()`,
    `+`/`+=`, `str.join` or `str.replace`) that reaches a call that executes SQL: a quoted
    literal (`'{name}'`), a comparison operand, `IN (...)`, `LIMIT`/`OFFSET`, `VALUES`, or the
    value of `SET`/`PRAGMA`. Identifiers and syntax (a table, column or schema name, an `ORDER
    BY` direction) are BL304; binding the values leaves at most that finding.

    Sinks: DB-API `execute()`/`executemany()`/`executescript()` (sqlite3, psycopg2, psycopg,
    pymysql, MySQLdb, mysql.connector, aiosqlite, aiomysql, aiopg), asyncpg `execute()`/
    `fetch()`/`fetchrow()`/`fetchval()`/`executemany()`, SQLAlchemy `text()`,
    `Connection.execute()`, `exec_driver_sql()` and `Session.execute()` with a string, psycopg
    `sql.SQL()` given an f-string, Django `Manager.raw()`, `QuerySet.extra()` (every argument
    position), `RawSQL()` and `connection.cursor().execute()`, pandas `read_sql()`/
    `read_sql_query()`, encode/databases, and Alembic `op.execute()`. The SQL may be built in
    the call, in earlier statements (`q += ...`, either branch of an `if`), as conditions
    appended to a list or written in a comprehension and joined (`" AND ".join(parts)`,
    `sql.SQL(" AND ").join(parts)`), by another method of the same class (`WHERE
    {self._where(...)}`, or `q = self._build(...)`), handed as a condition to a builder whose
    result the sink runs (`self._build_query(where_str)`), or returned by a project function
    in another module (`WHERE {build_where(x)}`, found through the project index, re-exports
    included); the finding is then placed where the value is formatted in.

    A template counts as SQL when sqlglot parses it, with a placeholder in each hole, as a
    statement (also `SET`, `PRAGMA`, `SAVEPOINT`, `COPY`, `GRANT`, DDL, `SHOW`), or as a
    `WHERE` condition where a SQL-only API receives it. Text that sqlglot rejects but that
    reads as SQL by its leading keyword and clause shape (a vendor dialect) is reported with
    lower confidence, the holes placed by the text around them. Prose, log lines and error
    messages are never flagged. Safe to interpolate: constants (module and class constants,
    UPPER_CASE names, enum members), numbers (`len()`, `int()`, annotated `int`, arithmetic
    with a number, `enumerate`/`range` counters), `uuid`/`secrets` values, allow-list lookups
    (`COLUMNS[key]`), placeholder lists (`", ".join("?" * len(ids))`), values quoted by a
    quoting API (`psycopg.sql.Literal`/`Identifier`, SQLAlchemy `quoted_name`, Django
    `quote_name`) or by a project helper recognised by its name (`quote_*`, `escape_*`,
    `*_identifier`) or its body (it doubles the quote character), methods that return only
    constants, `'` doubled inside a single-quoted literal, values the function checked before
    the use (`if not isinstance(k, int): raise`, an anchored word-only regex, `isdigit()`,
    `isidentifier()`), instance attributes set only from constants or number-annotated
    parameters, DB-API `cursor.lastrowid`/`rowcount`, and names read from the database's own
    catalog (rows of a constant query over `sqlite_master`, `information_schema`,
    `SHOW TABLES`, `PRAGMA table_info`). A PEP 750 t-string passed to a sink, and psycopg 3
    `sql.SQL(...).format(...)`/`Composed` objects, are never reported: the values travel apart
    from the text (t-strings need Python 3.14 to parse; older interpreters report BL001).

    An `.execute()` or query method on an object the model cannot resolve is accepted when its
    receiver is named like a cursor, connection or database client (`cur`, `conn`, `db`,
    `session`, `client`, ...) and the text reads as SQL, or, whatever the receiver, when the
    method is named to run SQL (`execute*`, `query`, `query_*`, `fetch*`, `run_sql`, `sql`)
    and the text it receives parses as a statement (`self._scope.query(...)`,
    `conn.execute_scalar(...)`); such findings, and those on text sqlglot could not parse,
    carry a lower confidence and say so.

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
    confidence = Confidence.HIGH
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
            if key in seen or not link.returned.values:
                continue
            seen.add(key)
            names = ", ".join(f"`{name}`" for name in link.returned.values)
            project.report(cls, link.builder.path, link.returned.span,
                           f"{names} formatted into SQL ({article(link.returned.form)}) that "
                           f"is returned here and executed by {link.call.sink} at "
                           f"{link.caller.path}:{link.call.span.line}; build it with "
                           "placeholders and pass the values as parameters to that call")
        for fragment in fragment_links(project):
            verdicts = fragment.verdicts
            if any(not isinstance(verdict, Condition) and verdict != "safe"
                   for verdict in verdicts):
                continue  # BL304 at the sink: a callee's result could not be read
            for verdict in verdicts:
                if not isinstance(verdict, Condition):
                    continue
                key = (verdict.builder.path, verdict.returned.span.line)
                if key in seen:
                    continue
                seen.add(key)
                names = ", ".join(f"`{name}`" for name in verdict.returned.values)
                project.report(
                    cls, verdict.builder.path, verdict.returned.span,
                    f"{names} formatted into a SQL condition ({article(verdict.returned.form)})"
                    f" that `{verdict.function}()` returns and {fragment.call.sink} runs at "
                    f"{fragment.caller.path}:{fragment.call.span.line}: a quote in the value "
                    "rewrites the query; bind it as a parameter", confidence=Confidence.MEDIUM)
