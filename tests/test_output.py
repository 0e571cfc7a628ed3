"""Every output format, rendered from hand-made findings."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from backendlint import __version__
from backendlint.core.builtin_rules import UnparsableFile, UnusedSuppression
from backendlint.core.findings import (
    Applicability,
    Confidence,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    Severity,
)
from backendlint.core.registry import all_rules
from backendlint.core.rule import Rule
from backendlint.output import FORMATS, Report, github, render, sarif

DATA = Path(__file__).parent / "data"
SCHEMA_PATH = DATA / "sarif-schema-2.1.0.json"

SOURCES = {
    "app/api.py": [
        "import time",
        "",
        "    time.sleep(1)",
        "",
        "",
        "",
        "    cursor.execute(",
        '        f"SELECT * FROM users WHERE name = {name}")',
    ],
    "app/süß.py": ["def händler(request):", "    return None"],
}

SAFE_FIX = Fix("Replace with `await asyncio.sleep()`", Applicability.SAFE,
               (Edit(3, 4, 3, 14, "await asyncio.sleep"),), (("asyncio", None),))
UNSAFE_FIX = Fix("Use a bound parameter", Applicability.UNSAFE,
                 (Edit(8, 8, 8, 50, '"SELECT * FROM users WHERE name = %s", (name,)'),))

SLEEP = Finding("BL101", "blocking-sleep-in-async", "async-blocking", Severity.ERROR,
                "`time.sleep()` blocks the event loop", "app/api.py", 3, 5, 3, 18,
                fix=SAFE_FIX, noqa_lines=(3,))
SQL = Finding("BL301", "sql-from-fstring", "sql-building", Severity.ERROR,
              "SQL built from an f-string", "app/api.py", 7, 5, 8, 52, fix=UNSAFE_FIX,
              noqa_lines=(7,))
HINT = Finding("BL201", "missing-return-type", "type-hints", Severity.WARNING,
               "`händler` has no return type", "app/süß.py", 1, 5, 1, 12)

# Given out of order: every format sorts by path, line, column and code.
FINDINGS = [HINT, SQL, SLEEP]


def make_report(findings: list[Finding] | None = None, **options: Any) -> Report:
    options.setdefault("files", 4)
    return Report(findings=list(FINDINGS if findings is None else findings),
                  source_lines=SOURCES.get, **options)


# -- full ---------------------------------------------------------------------------------------

FULL_FINDINGS = """\
app/api.py:3:5: BL101 [*] `time.sleep()` blocks the event loop
3 |     time.sleep(1)
  |     ^^^^^^^^^^^^^

app/api.py:7:5: BL301 SQL built from an f-string
7 |     cursor.execute(
  |     ^^^^^^^^^^^^^^^

app/süß.py:1:5: BL201 `händler` has no return type
1 | def händler(request):
  |     ^^^^^^^

"""


def test_full_lists_findings_with_carets_then_summary() -> None:
    assert render(make_report(suppressed=2), "full") == FULL_FINDINGS + (
        "Found 3 findings (2 errors, 1 warning) in 2 files.\n"
        "[*] 1 fixable with --fix; 1 more with --unsafe-fixes.\n"
        "2 suppressed by comments.\n"
    )


def test_full_quiet_prints_findings_only() -> None:
    assert render(make_report(quiet=True), "full") == FULL_FINDINGS


def test_full_clean_run() -> None:
    assert render(make_report([]), "full") == "All checks passed! (4 files checked)\n"
    assert (render(make_report([], files=1, suppressed=3), "full")
            == "All checks passed! (1 file checked, 3 suppressed)\n")
    assert render(make_report([], quiet=True), "full") == ""


def test_full_without_source_prints_header_only() -> None:
    report = Report(findings=[HINT], files=1)
    assert render(report, "full") == (
        "app/süß.py:1:5: BL201 `händler` has no return type\n"
        "\n"
        "Found 1 finding (0 errors, 1 warning) in 1 file.\n"
    )


def test_caret_is_at_least_one_wide_and_keeps_tabs() -> None:
    empty_span = Finding("BL001", "unparsable-file", "engine", Severity.ERROR,
                         "unexpected EOF", "t.py", 1, 3, 1, 3)
    report = Report(findings=[empty_span], files=1, quiet=True,
                    source_lines=lambda path: ["\tx(", ""])
    assert render(report, "full") == (
        "t.py:1:3: BL001 unexpected EOF\n"
        "1 | \tx(\n"
        "  | \t ^\n"
        "\n"
    )


def test_unsafe_fixes_enabled_counts_unsafe_fixes_as_fixable() -> None:
    text = render(make_report(unsafe_fixes_enabled=True), "full")
    assert "[*] 2 fixable with --fix.\n" in text
    assert "--unsafe-fixes" not in text


def test_statistics_counts_per_code_instead_of_listing() -> None:
    extra_sleep = Finding("BL101", "blocking-sleep-in-async", "async-blocking", Severity.ERROR,
                          "`time.sleep()` blocks the event loop", "app/b.py", 1, 1, 1, 2)
    report = make_report([*FINDINGS, extra_sleep], statistics=True)
    assert render(report, "full") == (
        "2  BL101  blocking-sleep-in-async  [*]\n"
        "1  BL201  missing-return-type\n"
        "1  BL301  sql-from-fstring\n"
        "Found 4 findings (3 errors, 1 warning) in 3 files.\n"
        "[*] 1 fixable with --fix; 1 more with --unsafe-fixes.\n"
    )


def test_show_fixes_lists_fixed_findings_by_path() -> None:
    fixed_elsewhere = Finding("BL101", "blocking-sleep-in-async", "async-blocking",
                              Severity.ERROR, "m", "app/worker.py", 9, 5, 9, 18, fix=SAFE_FIX)
    report = make_report([HINT], fixed=[SLEEP, fixed_elsewhere, SQL, SLEEP], show_fixes=True)
    assert render(report, "full").endswith(
        "Fixed 4 findings:\n"
        "- app/api.py:\n"
        "    2 x BL101 (blocking-sleep-in-async)\n"
        "    1 x BL301 (sql-from-fstring)\n"
        "- app/worker.py:\n"
        "    1 x BL101 (blocking-sleep-in-async)\n"
        "Found 1 finding (0 errors, 1 warning) in 1 file.\n"
    )
    without_listing = render(make_report([], fixed=[SLEEP]), "full")
    assert without_listing == "All checks passed! (4 files checked)\nFixed 1 finding.\n"


def test_color_only_when_asked() -> None:
    plain = render(make_report(), "full")
    coloured = render(make_report(color=True), "full")
    assert "\x1b[" not in plain
    assert "\x1b[1m\x1b[31mBL101\x1b[0m" in coloured
    assert "\x1b[1m\x1b[33mBL201\x1b[0m" in coloured
    assert re.sub(r"\x1b\[\d+m", "", coloured) == plain


# -- concise ------------------------------------------------------------------------------------

def test_concise_one_line_each_with_fixable_marker() -> None:
    assert render(make_report(), "concise") == (
        "app/api.py:3:5: BL101 [*] `time.sleep()` blocks the event loop\n"
        "app/api.py:7:5: BL301 SQL built from an f-string\n"
        "app/süß.py:1:5: BL201 `händler` has no return type\n"
        "Found 3 findings (2 errors, 1 warning) in 2 files.\n"
        "[*] 1 fixable with --fix; 1 more with --unsafe-fixes.\n"
    )
    assert render(make_report(quiet=True), "concise").count("\n") == 3
    assert render(make_report([]), "concise") == "All checks passed! (4 files checked)\n"


# -- json ---------------------------------------------------------------------------------------

def test_json_shape() -> None:
    document = json.loads(render(make_report(suppressed=1, fixed=[SLEEP]), "json"))
    assert document["version"] == __version__
    assert [(f["path"], f["line"], f["code"]) for f in document["findings"]] == [
        ("app/api.py", 3, "BL101"), ("app/api.py", 7, "BL301"), ("app/süß.py", 1, "BL201")]
    first = document["findings"][0]
    assert list(first) == ["code", "name", "practice", "severity", "message", "path", "line",
                           "column", "end_line", "end_column", "fix", "confidence", "related"]
    assert first["confidence"] == "high" and first["related"] == []
    assert first["severity"] == "error"
    assert (first["column"], first["end_line"], first["end_column"]) == (5, 3, 18)
    assert first["fix"]["message"] == "Replace with `await asyncio.sleep()`"
    assert first["fix"]["applicability"] == "safe"
    assert first["fix"]["edits"] == [{"line": 3, "column": 4, "end_line": 3, "end_column": 14,
                                      "content": "await asyncio.sleep"}]
    assert document["findings"][2]["fix"] is None
    assert document["findings"][2]["message"] == "`händler` has no return type"
    assert document["summary"] == {
        "files": 4, "findings": 3, "errors": 2, "warnings": 1, "suppressed": 1, "fixed": 1,
        "by_code": {"BL101": 1, "BL201": 1, "BL301": 1},
    }


def test_json_clean_run() -> None:
    text = render(make_report([]), "json")
    assert text.startswith('{\n  "version": ')
    document = json.loads(text)
    assert document["findings"] == []
    assert document["summary"]["findings"] == 0
    assert document["summary"]["by_code"] == {}


# -- sarif --------------------------------------------------------------------------------------

class _SqlInjectionForTest(Rule):
    """## What it does
    Flags SQL built by string formatting (test-only rule).

    ## Why is this bad?
    Injection.

    ## Example
    ```python
    cursor.execute(f"SELECT {x}")
    ```

    Use instead:
    ```python
    cursor.execute("SELECT %s", (x,))
    ```

    ## Options
    None.

    ## Fix safety
    Unsafe.
    """

    code = "BL301"
    name = "sql-from-fstring"
    practice = "sql-building"
    severity = Severity.ERROR
    confidence = Confidence.MEDIUM
    cwe = 89
    fix_availability = FixAvailability.SOMETIMES


@pytest.fixture
def with_security_rule(monkeypatch: pytest.MonkeyPatch) -> tuple[type[Rule], ...]:
    """A fixed rule set, so these tests do not change as rules are added."""
    rules = (UnparsableFile, UnusedSuppression, _SqlInjectionForTest)
    monkeypatch.setattr(sarif, "all_rules", lambda: rules)
    return rules


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def test_schema_fixture_is_the_recorded_sarif_2_1_0_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["id"] == ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
                            "schemas/sarif-schema-2.1.0.json")
    assert "2.1.0" in schema["title"]
    digest = hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest()
    assert digest in (DATA / "README.md").read_text(encoding="utf-8")


def _sarif(report: Report, validator: Any) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(report, "sarif"))
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


def test_sarif_valid_and_complete(sarif_validator: Any,
                                  with_security_rule: tuple[type[Rule], ...]) -> None:
    log = _sarif(make_report(), sarif_validator)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("backendlint", __version__)
    assert driver["informationUri"].startswith("https://")
    # Registered rules first; codes no registered rule has follow in finding order.
    assert [rule["id"] for rule in driver["rules"]] == [
        *(rule.code for rule in with_security_rule), "BL101", "BL201"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    assert run["invocations"] == [{"executionSuccessful": True}]

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["BL101", "BL301", "BL201"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in results] == ["error", "error", "warning"]
    sql = results[1]
    assert sql["message"] == {"text": "SQL built from an f-string"}
    location = sql["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "app/api.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 7, "startColumn": 5, "endLine": 8,
                                  "endColumn": 52}
    unicode_location = results[2]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert unicode_location["uri"] == "app/s%C3%BC%C3%9F.py"


def test_sarif_rule_metadata(sarif_validator: Any,
                             with_security_rule: tuple[type[Rule], ...]) -> None:
    rules = {rule["id"]: rule for rule in
             _sarif(make_report([]), sarif_validator)["runs"][0]["tool"]["driver"]["rules"]}
    security = rules["BL301"]
    assert security["name"] == "sql-from-fstring"
    assert security["shortDescription"] == {
        "text": "Flags SQL built by string formatting."}
    assert security["helpUri"] == (f"https://github.com/backendlint/backendlint/blob/"
                                   f"v{__version__}/docs/rules/BL301.md")
    assert security["fullDescription"]["text"].startswith("Flags SQL built")
    assert security["help"]["markdown"].startswith("# BL301: sql-from-fstring\n")
    assert "## Why is this bad?\nInjection." in security["help"]["text"]
    assert security["defaultConfiguration"]["level"] == "error"
    assert security["properties"] == {
        "tags": ["sql-building", "security", "external/cwe/cwe-89"],
        "precision": "medium",
        "security-severity": "8.8",
    }
    engine = rules["BL002"]
    assert engine["defaultConfiguration"] == {"level": "warning", "enabled": False}
    assert engine["properties"] == {"tags": ["engine"], "precision": "high"}


def test_sarif_clean_run_describes_every_registered_rule(sarif_validator: Any) -> None:
    run = _sarif(make_report([]), sarif_validator)["runs"][0]
    assert run["results"] == []
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [
        rule.code for rule in all_rules()]


@pytest.mark.usefixtures("with_security_rule")
def test_sarif_reports_errors_as_unsuccessful(sarif_validator: Any) -> None:
    run = _sarif(make_report([], errors=["app/x.py: internal error"]), sarif_validator)["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "app/x.py: internal error"}}]


@pytest.mark.usefixtures("with_security_rule")
def test_sarif_region_is_valid_for_empty_or_inverted_spans(sarif_validator: Any) -> None:
    at_eof = Finding("BL001", "unparsable-file", "engine", Severity.ERROR, "unexpected EOF",
                     "t.py", 4, 7, 4, 7)
    broken = Finding("BL001", "unparsable-file", "engine", Severity.ERROR, "bad", "u.py",
                     0, 0, 0, 0)
    results = _sarif(make_report([at_eof, broken]), sarif_validator)["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert regions == [
        {"startLine": 4, "startColumn": 7, "endLine": 4, "endColumn": 8},
        {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2},
    ]


@pytest.mark.usefixtures("with_security_rule")
def test_sarif_describes_codes_outside_the_registry(sarif_validator: Any) -> None:
    test_only = Finding("BL999", "test-only", "engine", Severity.WARNING, "m", "a b.py",
                        1, 1, 1, 2)
    run = _sarif(make_report([test_only]), sarif_validator)["runs"][0]
    (result,) = run["results"]
    descriptor = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert descriptor["id"] == "BL999"
    assert descriptor["defaultConfiguration"] == {"level": "warning"}
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "a%20b.py"


# -- github -------------------------------------------------------------------------------------

def test_github_annotations() -> None:
    assert render(make_report(), "github") == (
        "::error file=app/api.py,line=3,col=5,endLine=3,endColumn=18,"
        "title=BL101 blocking-sleep-in-async::`time.sleep()` blocks the event loop\n"
        "::error file=app/api.py,line=7,col=5,endLine=8,endColumn=52,"
        "title=BL301 sql-from-fstring::SQL built from an f-string\n"
        "::warning file=app/süß.py,line=1,col=5,endLine=1,endColumn=12,"
        "title=BL201 missing-return-type::`händler` has no return type\n"
    )
    assert render(make_report([]), "github") == ""


def test_github_escapes_workflow_command_syntax() -> None:
    tricky = Finding("BL101", "blocking-sleep-in-async", "async-blocking", Severity.ERROR,
                     "100% blocked\r\nsee: docs, now", "dir:a,b/x%.py", 2, 1, 2, 5)
    assert github.render(make_report([tricky])) == (
        "::error file=dir%3Aa%2Cb/x%25.py,line=2,col=1,endLine=2,endColumn=5,"
        "title=BL101 blocking-sleep-in-async::100%25 blocked%0D%0Asee: docs, now\n"
    )


def test_every_format_renders_a_clean_and_a_dirty_report() -> None:
    for output_format in FORMATS:
        assert isinstance(render(make_report([]), output_format), str)
        dirty = render(make_report(), output_format)
        assert "BL101" in dirty and dirty.endswith("\n")


def test_concise_messages_stop_at_a_clause_near_the_limit() -> None:
    from backendlint.output.text import CONCISE_MESSAGE_LIMIT, one_line_message

    short = "`x` blocks; use y"
    assert one_line_message(short) == short
    first = "`open()` in `load_settings()` blocks the event loop of every request it serves"
    long = first + "; " + "advice " * 60
    assert one_line_message(long) == first + " …"
    assert len(one_line_message("word " * 100)) <= CONCISE_MESSAGE_LIMIT + 2


def test_messages_start_like_sentences() -> None:
    from backendlint.core.rule import sentence_case

    assert sentence_case("iterating a queryset blocks") == "Iterating a queryset blocks"
    assert sentence_case("sqlite3 `execute()` runs it") == "sqlite3 `execute()` runs it"
    assert sentence_case("`x` is") == "`x` is"


# -- streamed output --------------------------------------------------------------------------

@pytest.mark.parametrize("output_format", ["full", "concise"])
@pytest.mark.parametrize("options", [{}, {"quiet": True}, {"statistics": True},
                                     {"color": True, "show_fixes": True, "fixed": [SLEEP]}])
def test_streamed_text_is_the_whole_text_in_pieces(monkeypatch: pytest.MonkeyPatch,
                                                   output_format: str,
                                                   options: dict[str, Any]) -> None:
    from backendlint.output import render_chunks, text

    report = make_report(FINDINGS * 3, suppressed=1, **options)
    whole = render(report, output_format)
    monkeypatch.setattr(text, "CHUNK_FINDINGS", 2)
    pieces = list(render_chunks(report, output_format))
    assert "".join(pieces) == whole
    if not options:
        # Nine findings two at a time, then the summary: the report is never one string.
        assert len(pieces) == 6
        assert all(piece.endswith("\n") for piece in pieces)
    monkeypatch.setattr(text, "CHUNK_FINDINGS", 10 ** 9)
    assert "".join(render_chunks(report, output_format)) == whole


def test_streamed_full_and_concise_keep_their_exact_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint.output import text

    monkeypatch.setattr(text, "CHUNK_FINDINGS", 1)
    assert render(make_report(quiet=True), "full") == FULL_FINDINGS
    assert render(make_report(quiet=True), "concise").splitlines() == [
        "app/api.py:3:5: BL101 [*] `time.sleep()` blocks the event loop",
        "app/api.py:7:5: BL301 SQL built from an f-string",
        "app/süß.py:1:5: BL201 `händler` has no return type"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_emit_writes_every_format_as_rendered_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capfd: pytest.CaptureFixture[str],
                                                    output_format: str) -> None:
    from backendlint import cli, replay
    from backendlint.output import render_chunks, text

    monkeypatch.setattr(text, "CHUNK_FINDINGS", 2)
    for findings in (FINDINGS * 3, []):
        report = make_report(findings, suppressed=1)
        whole = render(report, output_format)
        expected = whole if whole.endswith("\n") else whole + "\n"
        if not whole:
            expected = ""
        recorder = replay.Recorder(["check"])
        try:
            cli._emit(render_chunks(report, output_format), None, recorder=recorder)
        finally:
            recorder.refuse()
            sys.stderr = recorder._stderr._stream
        assert capfd.readouterr().out == expected
        assert b"".join(recorder.output) == expected.encode("utf-8")
        target = tmp_path / f"report-{output_format}.txt"
        cli._emit(render_chunks(report, output_format), target)
        assert target.read_text(encoding="utf-8") == (whole if whole.endswith("\n")
                                                      else whole + "\n")
