"""BL303: a SQL sink runs text that carries request data."""

from __future__ import annotations

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.sql_sinks import MODULE_NEEDLES


class SqlFromRequestData(Rule):
    """## What it does
    Checks for a SQL sink called with SQL text that comes from request data: a FastAPI route
    parameter typed `str`, Flask `request.args`/`form`/`json`/`values`, Django
    `request.GET`/`POST`, Starlette or DRF `request.query_params`, either as the whole query or
    interpolated into it. A value bound as a parameter is never flagged, and neither is a
    SQLAlchemy statement built with its API (`select(User).where(User.id == user_id)`), whose
    values are bound parameters too.

    ## Why is this bad?
    Whoever sends the request writes part of the SQL: they can read other users' rows, change
    data or drop tables (CWE-89). This is BL301 with the source confirmed, so it is reported
    with high confidence (and instead of BL301 on the same call).

    ## Example
    ```python
    import sqlite3

    from flask import Flask, request

    app = Flask(__name__)


    @app.get("/users")
    def list_users():
        cur = sqlite3.connect("app.db").cursor()
        cur.execute(f"SELECT * FROM users WHERE name = '{request.args['name']}'")
        return {"users": cur.fetchall()}
    ```

    Use instead:
    ```python
    import sqlite3

    from flask import Flask, request

    app = Flask(__name__)


    @app.get("/users")
    def list_users():
        cur = sqlite3.connect("app.db").cursor()
        cur.execute("SELECT * FROM users WHERE name = ?", (request.args["name"],))
        return {"users": cur.fetchall()}
    ```

    ## Options
    - `extra-sinks` in `[tool.backendlint.sql-building]`: further calls that execute SQL.
    - `extra-safe-functions`: calls whose results are safe to interpolate.

    ## Fix safety
    There is no automatic fix; BL301's rewrite applies when only that rule is enabled.
    """

    code = "BL303"
    name = "sql-from-request-data"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 89
    requires_any_text = MODULE_NEEDLES
