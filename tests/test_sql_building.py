"""sql-building: the "is it SQL?" decision, its robustness, and options reaching the rules."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from backendlint.config import load_config, resolve_settings
from backendlint.core.pipeline import lint_source
from backendlint.core.runner import finish_run
from backendlint.practices.sql_building import sqltext as sql_building
from backendlint.practices.sql_building.sqltext import keyword_gate, sql_shape


def _lint(source: str, codes: set[str], config: Path | None = None) -> list[tuple[int, str]]:
    settings = resolve_settings(load_config(config) if config else None)
    settings.enabled = frozenset(codes)
    result = lint_source("service.py", textwrap.dedent(source), settings, "service")
    assert not result.errors, result.errors
    return [(f.line, f.code) for f in finish_run([result], settings).findings]


# ---------------------------------------------------------------------------- is it SQL?

@pytest.mark.parametrize("template", [
    ("SELECT * FROM users WHERE id = ", ""),
    ("select name from accounts where owner = '", "'"),
    ("UPDATE users SET name = '", "' WHERE id = ", ""),
    ("INSERT INTO t (a, b) VALUES (", ", '", "')"),
    ("DELETE FROM sessions WHERE token = '", "'"),
    ("WITH recent AS (SELECT * FROM orders) SELECT * FROM recent WHERE id = ", ""),
    ("  -- report\n  SELECT * FROM t ORDER BY ", " ", ""),
    ('SELECT * FROM "the" WHERE id = ', ""),
])
def test_sql_templates_are_recognised(template: tuple[str, ...]) -> None:
    assert sql_shape(template).is_sql


@pytest.mark.parametrize("template", [
    ("Please select a value from the list: ", ""),
    ("Select a user from the dropdown for ", ""),
    ("Update failed for ", "."),
    ("https://example.com/select?from=", "&where=", ""),
    ("Deleted ", " rows from the cache"),
    ("INFO select from ", " where ", " succeeded"),
    ("select ", " from the menu"),
    ("delete one from your ", " list"),
    ("update ", " set this value"),
])
def test_prose_log_lines_and_urls_are_not_sql(template: tuple[str, ...]) -> None:
    assert not sql_shape(template).is_sql


def test_value_and_identifier_positions() -> None:
    shape = sql_shape(("SELECT * FROM ", " WHERE name = '", "' AND id = ", " LIMIT ", ""))
    assert shape.positions == ("identifier", "value", "value", "value")
    partial = sql_shape(("SELECT * FROM t WHERE name LIKE '%", "%'"))
    assert partial.positions == ("partial",)


def test_keyword_gate_keeps_sqlglot_off_non_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlglot

    calls: list[str] = []
    real_parse = sqlglot.parse

    def spy(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return real_parse(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlglot, "parse", spy)
    sql_shape.cache_clear()
    assert not keyword_gate("Please select a value from the list: x")
    assert not sql_shape(("Please select a value from the list: ", "")).is_sql
    assert not sql_shape(("Select the rows you want from ", "")).is_sql
    assert not sql_shape(("SELECT ", "")).is_sql  # no second keyword
    assert calls == []
    assert sql_shape(("SELECT * FROM t WHERE id = ", "")).is_sql
    assert len(calls) == 1
    # Cached per template: the second question does not parse again.
    assert sql_shape(("SELECT * FROM t WHERE id = ", "")).is_sql
    assert len(calls) == 1


def test_large_templates_are_judged_by_keywords_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlglot

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("sqlglot must not parse templates above the size bound")

    monkeypatch.setattr(sqlglot, "parse", refuse)
    huge = "SELECT * FROM t WHERE " + " OR ".join(f"a = {i}" for i in range(3000)) + " AND b = "
    assert len(huge) > sql_building.MAX_PARSE_CHARS
    shape = sql_shape((huge, ""))
    assert shape.is_sql and shape.positions == ("value",)  # placed by the text around it


@pytest.mark.parametrize("template", [
    ("SELECT " + "(" * 5000 + "1" + ")" * 5000 + " FROM t WHERE a = ", ""),
    ("SELECT * FROM t WHERE a = " + "(" * 3000, ""),
    ("SELECT * FROM \u00fcber\u200b WHERE n\u00e4me = '\U0001f600", "'"),
    ("SELECT \x00\x01\x02\xff FROM \x1b[31m WHERE x = ", "\udcff"),
    ("SELECT * FROM t WHERE a = '" + "x" * 19_000, "'"),
    ("SELECT" + " FROM" * 4000, ""),
    ("SELECT * FROM t WHERE a = " + "'" * 777, "\\"),
])
def test_pathological_templates_never_raise(template: tuple[str, ...]) -> None:
    shape = sql_shape(template)
    assert isinstance(shape.is_sql, bool)
    assert len(shape.positions) in (0, len(template) - 1)


# ---------------------------------------------------------------------------- rules

def test_request_data_is_bl303_and_not_also_bl301() -> None:
    source = """
        import sqlite3
        from flask import request

        def view():
            cur = sqlite3.connect("x.db").cursor()
            cur.execute(f"SELECT * FROM t WHERE a = '{request.args['a']}'")
    """
    assert _lint(source, {"BL301", "BL303"}) == [(7, "BL303")]
    assert _lint(source, {"BL301"}) == [(7, "BL301")]


def test_returned_sql_is_bl301_at_build_site_when_executed_in_project() -> None:
    source = """
        import sqlite3

        def build(name):
            return f"SELECT * FROM t WHERE name = '{name}'"

        def unused(name):
            return f"SELECT * FROM u WHERE name = '{name}'"

        def run(name):
            sqlite3.connect("x.db").execute(build(name))
    """
    assert _lint(source, {"BL301", "BL302"}) == [(5, "BL301"), (8, "BL302")]


def test_extra_sinks_option_reaches_the_rule(tmp_path: Path) -> None:
    source = """
        from app.db import run_sql

        def purge(owner):
            run_sql(f"DELETE FROM sessions WHERE owner = '{owner}'")
    """
    assert _lint(source, {"BL301"}) == []
    assert _lint(source, {"BL302"}) == [(5, "BL302")]
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.backendlint.sql-building]\nextra-sinks = ["app.db.run_*"]\n',
                      encoding="utf-8")
    assert _lint(source, {"BL301"}, config) == [(5, "BL301")]
    assert _lint(source, {"BL302"}, config) == []


def test_extra_safe_functions_option_reaches_the_rule(tmp_path: Path) -> None:
    source = """
        import sqlite3
        from app.db import allowed_column

        def ordered(column):
            sqlite3.connect("x.db").execute(f"SELECT * FROM t ORDER BY {allowed_column(column)}")
    """
    assert _lint(source, {"BL304"}) == [(6, "BL304")]
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.backendlint.sql-building]\nextra-safe-functions = ["app.db.allowed_column"]\n',
        encoding="utf-8")
    assert _lint(source, {"BL304"}, config) == []


def test_unresolved_receiver_not_named_like_a_cursor_needs_a_parsed_statement() -> None:
    source = """
        def a(cursor, name):
            cursor.execute(f"SELECT * FROM t WHERE name = '{name}'")

        def b(api, name):
            api.execute(f"SELECT * FROM t WHERE name = '{name}'")

        def c(api, name):
            api.execute(f"SELECT * FROM t WHERE name = '{name}' QUALIFY ROW_NUMBER() >>")

        def d(api, name):
            api.execute(f"refresh {name} now")
    """
    assert _lint(source, {"BL301"}) == [(3, "BL301"), (6, "BL301")]


def test_sqlglot_stays_off_the_hot_path_for_files_without_sql_text() -> None:
    """A module with no SQL-looking string never imports sqlglot, even with every
    sql-building rule enabled (checked in a fresh interpreter)."""
    import subprocess
    import sys

    program = textwrap.dedent('''
        import sys
        from backendlint.config import resolve_settings
        from backendlint.core.pipeline import lint_source
        settings = resolve_settings(None)
        settings.enabled = frozenset({"BL301", "BL302", "BL303", "BL304"})
        source = (
            "import sqlite3\\n"
            "def f(conn: sqlite3.Connection, name):\\n"
            "    print(f'Select a value from the list, {name}.')\\n"
            "    conn.execute('SELECT 1')\\n"
            "    return f'update {name} done'\\n")
        result = lint_source("app.py", source, settings, "app")
        assert not result.findings, result.findings
        print("sqlglot" in sys.modules)
        lint_source("b.py", "def g(c, x):\\n    c.execute(f\\"SELECT * FROM t WHERE a = '{x}'\\")\\n",
                    settings, "b")
        print("sqlglot" in sys.modules)
    ''')
    output = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            check=True).stdout.split()
    assert output == ["False", "True"]


T_STRING_SOURCE = (
    "import psycopg\n"
    "def f(conn: psycopg.Connection, name: str):\n"
    "    return conn.execute(t\"SELECT * FROM users WHERE name = {name}\")\n")


@pytest.mark.skipif(sys.version_info < (3, 14), reason="t-strings need Python 3.14")
def test_t_string_passed_to_execute_is_safe_by_construction() -> None:
    from backendlint.config import resolve_settings
    from backendlint.core.pipeline import lint_source

    settings = resolve_settings(None)
    settings.enabled = frozenset({"BL301", "BL302", "BL303", "BL304"})
    result = lint_source("app.py", T_STRING_SOURCE, settings, "app")
    assert not result.errors
    assert not result.findings, result.findings
    # The same text as an f-string is an injection: the t-string, not the query, is why.
    as_fstring = T_STRING_SOURCE.replace('t"SELECT', 'f"SELECT')
    codes = [f.code for f in lint_source("app.py", as_fstring, settings, "app").findings]
    assert codes == ["BL301"]


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="Python 3.14 parses t-strings")
def test_t_string_on_an_older_python_is_a_clean_syntax_error() -> None:
    from backendlint.config import resolve_settings
    from backendlint.core.pipeline import lint_source

    settings = resolve_settings(None)
    settings.enabled = frozenset({"BL001", "BL301", "BL302", "BL303", "BL304"})
    result = lint_source("app.py", T_STRING_SOURCE, settings, "app")
    codes = [f.code for f in result.findings]
    assert codes == ["BL001"], result.findings
    assert "template string (PEP 750) needs Python 3.14" in result.findings[0].message
