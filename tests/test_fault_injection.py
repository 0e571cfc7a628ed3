"""Fault injection: one test per defect of issue 19 (data damaged, findings hidden, runs that
fail or never end). Each drives the real command, or the function at fault, with the bad input
that once broke it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from backendlint.cli import main
from backendlint.config import CliOverrides, resolve_settings, settings_for
from backendlint.core.findings import Applicability, Edit, Finding, Fix, Severity
from backendlint.core.pipeline import lint_source
from backendlint.core.runner import lint_paths
from backendlint.fixes import apply_fixes, fix_until_stable
from backendlint.suppression import parse_directives

TESTS = Path(__file__).resolve().parent
WITH_TEST_RULES = (
    f"import sys; sys.path.insert(0, {str(TESTS)!r}); import testing_rules; "
    "testing_rules.install(); from backendlint.cli import run; "
    "sys.argv = ['backendlint'] + sys.argv[1:]; run()"
)
UNANNOTATED = b"def answer():\n    return 42\n"
ANNOTATED = b"def answer() -> int:\n    return 42\n"


def backendlint(*args: str, cwd: Path, stdin: bytes = b"", test_rules: bool = False,
                timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    command = ([sys.executable, "-c", WITH_TEST_RULES] if test_rules
               else [sys.executable, "-m", "backendlint"])
    return subprocess.run([*command, *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=timeout, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    return tmp_path


# 1. --fix on stdin: the fixed code alone on stdout, the report on stderr.

@pytest.mark.parametrize("output_format", ["full", "json"])
def test_fix_on_stdin_prints_only_the_code_on_stdout(project: Path, output_format: str
                                                     ) -> None:
    result = backendlint("--fix", "--output-format", output_format, "-", "--stdin-filename",
                         "app.py", cwd=project, stdin=UNANNOTATED)
    assert result.stdout == ANNOTATED
    assert result.returncode == 0
    assert b"Fixed 1 finding" in result.stderr or b'"fixed": 1' in result.stderr


def test_fix_on_stdin_with_remaining_findings_keeps_stdout_clean(project: Path) -> None:
    source = b"def answer(x):\n    return 42\n"
    result = backendlint("--fix", "-", "--stdin-filename", "app.py", cwd=project,
                         stdin=source)
    assert result.stdout == b"def answer(x) -> int:\n    return 42\n"
    assert b"BL201" in result.stderr
    assert result.returncode == 1


# 2. --fix on stdin keeps bytes that are not UTF-8, in the declared encoding.

LATIN1 = b'# -*- coding: latin-1 -*-\nx = "\xe9"\n'


def test_fix_on_stdin_keeps_the_bytes_when_nothing_is_fixed(project: Path) -> None:
    result = backendlint("--fix", "-", "--stdin-filename", "app.py", cwd=project,
                         stdin=LATIN1)
    assert result.stdout == LATIN1
    assert result.returncode == 0


def test_fix_on_stdin_writes_the_declared_encoding(project: Path) -> None:
    result = backendlint("--fix", "-", "--stdin-filename", "app.py", cwd=project,
                         stdin=LATIN1 + UNANNOTATED)
    assert result.stdout == LATIN1 + ANNOTATED
    assert result.returncode == 0


# 3. Fix offsets follow the parser's line breaks (\r, \r\n and \n).

def test_fix_after_a_lone_carriage_return_lands_on_the_right_line() -> None:
    text = ('#!/usr/bin/env python\r# c\ndef answer():\n    """Return the answer."""\n'
            "    return 42\n")
    settings = resolve_settings(None)
    outcome = fix_until_stable(text, lambda code: lint_source("a.py", code, settings).findings,
                               unsafe=False)
    assert outcome.text == text.replace("def answer():", "def answer() -> int:")


# 4. --fix keeps each file's line endings.

@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_fix_keeps_line_endings(project: Path, newline: bytes) -> None:
    path = project / "app.py"
    path.write_bytes(UNANNOTATED.replace(b"\n", newline))
    result = backendlint("--fix", "app.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == ANNOTATED.replace(b"\n", newline)


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_fix_adding_an_import_keeps_line_endings(project: Path, newline: bytes) -> None:
    path = project / "app.py"
    path.write_bytes(b'"""Doc."""\nprint("x")\n'.replace(b"\n", newline))
    result = backendlint("--select", "BL991", "--fix", "app.py", cwd=project, test_rules=True)
    assert result.returncode == 0, result.stderr
    fixed = path.read_bytes()
    assert b"import logging" + newline in fixed
    assert fixed.endswith(b'logging.info("x")' + newline)
    assert fixed.replace(newline, b"").count(b"\n") + fixed.replace(newline, b"").count(
        b"\r") == 0


# 5. --fix writes through links and never replaces them.

def test_fix_through_a_symlink_fixes_the_target(project: Path) -> None:
    (project / "real").mkdir()
    target = project / "real" / "answer.py"
    target.write_bytes(UNANNOTATED)
    link = project / "link.py"
    link.symlink_to(target)
    result = backendlint("--fix", "link.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert target.read_bytes() == ANNOTATED


def test_fix_keeps_a_hard_link(project: Path) -> None:
    first = project / "first.py"
    first.write_bytes(UNANNOTATED)
    second = project / "second.py"
    os.link(first, second)
    result = backendlint("--fix", "first.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes() == ANNOTATED
    assert os.path.samefile(first, second)


# 6. Files with a BOM or a coding cookie are fixed, keeping both.

def test_fix_keeps_a_bom(project: Path) -> None:
    path = project / "app.py"
    path.write_bytes(b"\xef\xbb\xbf" + UNANNOTATED)
    result = backendlint("--fix", "app.py", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == b"\xef\xbb\xbf" + ANNOTATED


def test_fix_keeps_a_latin1_encoding(project: Path) -> None:
    path = project / "app.py"
    path.write_bytes(LATIN1 + UNANNOTATED)
    result = backendlint("--fix", "app.py", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == LATIN1 + ANNOTATED


def test_a_fix_the_encoding_cannot_hold_is_refused_with_a_reason() -> None:
    from backendlint import sourcefile

    original = sourcefile.decode(b"# -*- coding: ascii -*-\n" + UNANNOTATED)
    problem = sourcefile.encode_problem(original.text.replace(":", " -> \u00e9:"), original)
    assert problem is not None and "ascii" in problem
    assert sourcefile.encode(original.text, original) == b"# -*- coding: ascii -*-\n" + UNANNOTATED


# 7. A noqa comment inside a string is not a suppression.

def test_noqa_inside_a_string_does_not_hide_a_finding(project: Path) -> None:
    template = ('def find(cursor, name):\n'
                '    cursor.execute("SELECT * FROM users WHERE x = {marker} AND name = \'" '
                '+ name + "\'")\n')
    plain = backendlint("--select", "BL3", "--output-format", "json", "-",
                        "--stdin-filename", "app.py", cwd=project,
                        stdin=template.format(marker="'x'").encode())
    hidden = backendlint("--select", "BL3", "--output-format", "json", "-",
                         "--stdin-filename", "app.py", cwd=project,
                         stdin=template.format(marker="'#noqa'").encode())
    expected = [f["code"] for f in json.loads(plain.stdout)["findings"]]
    assert expected
    assert [f["code"] for f in json.loads(hidden.stdout)["findings"]] == expected


def test_directives_come_from_comments_only() -> None:
    text = ('x = "# noqa"\n'
            's = """\n# noqa: BL101\n"""\n'
            'y = f"{1}# noqa" + "#"  # noqa: BL301\n'
            "z = 1\r# noqa: BL102\n")
    directives = parse_directives(text)
    assert [(d.line, d.column, d.codes) for d in directives] == [
        (5, 25, ["BL301"]), (7, 1, ["BL102"])]


# 8. Links out of the linted roots are not followed; non-Python sources are never echoed.

SECRET = "DATABASE_URL=postgres://admin:hunter2@db.internal/prod\n"


def _linked_env(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    outside = tmp_path_factory.mktemp("outside")
    (outside / ".env").write_text(SECRET)
    (project / "app").mkdir()
    (project / "app" / "ok.py").write_text("VALUE = 1\n")
    (project / "app" / "settings.py").symlink_to(outside / ".env")
    return outside


def test_symlink_out_of_the_roots_is_not_followed(
        project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    _linked_env(project, tmp_path_factory)
    result = backendlint("app", cwd=project)
    assert b"hunter2" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout
    assert b"settings.py" in result.stderr  # says what it skipped


def test_followed_link_to_a_non_python_file_prints_no_source(
        project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    _linked_env(project, tmp_path_factory)
    for args in (("--follow-external-links", "app"), ("app/settings.py",)):
        result = backendlint(*args, cwd=project)
        assert b"BL001" in result.stdout
        assert b"hunter2" not in result.stdout + result.stderr
        assert result.returncode == 1


# 9. A cache that cannot be read is ignored and rebuilt.

def _cache_project(root: Path) -> list[tuple[Path, str]]:
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "main.py").write_text(
        "from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/login')\n"
        "async def login(password):\n    import time\n    time.sleep(1)\n")
    (root / "app" / "util.py").write_text("def helper():\n    return 1\n")
    names = ["app/__init__.py", "app/main.py", "app/util.py"]
    return [(root / name, name) for name in names]


def test_garbled_cache_snapshots_are_ignored(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = _cache_project(tmp_path)
    settings = resolve_settings(None)
    cache = tmp_path / "cache"
    expected = lint_paths(files, settings, cache_dir=cache).findings
    assert expected
    (snapshot,) = cache.glob("results-*.jsonl")
    good = snapshot.read_bytes()
    damaged = [good[:cut] for cut in range(0, len(good), max(1, len(good) // 40))]
    for position in range(len(good) // 3, len(good), max(1, len(good) // 20)):
        for garbage in (b"\x00", b"{", b'"', b"\t", b"\n", b"\xff", b"9"):
            damaged.append(good[:position] + garbage + good[position + 1:])
    for data in damaged:
        snapshot.write_bytes(data)
        run = lint_paths(files, settings, cache_dir=cache)
        assert run.errors == []
        assert run.findings == expected


def test_garbled_cache_warns_under_verbose(project: Path) -> None:
    _cache_project(project)
    assert backendlint("app", cwd=project).returncode == 1
    (snapshot,) = (project / ".backendlint_cache").glob("results-*.jsonl")
    data = snapshot.read_bytes()
    snapshot.write_bytes(data[: len(data) - 20])
    result = backendlint("-v", "app", cwd=project)
    assert result.returncode == 1, result.stderr
    assert b"cache" in result.stderr and b"rebuilt" in result.stderr


def test_verbose_says_what_the_project_pass_kept(project: Path) -> None:
    _cache_project(project)
    assert backendlint("app", cwd=project).returncode == 1
    module = project / "app" / "main.py"
    module.write_bytes(b"# a line above\n" + module.read_bytes())
    result = backendlint("-v", "app", cwd=project)
    assert result.returncode == 1, result.stderr
    assert re.search(rb"project pass: [1-9]\d* practices' output kept from the cache, 0 run",
                     result.stderr), result.stderr
    module.write_bytes(module.read_bytes() + b"\n\nimport os.path as added\n")
    result = backendlint("-v", "app", cwd=project)
    assert re.search(rb"project pass: \d+ practices' output kept from the cache, [1-9]\d* run",
                     result.stderr), result.stderr


# 10. A file name that is not UTF-8 is escaped, and the report survives.

@pytest.fixture
def odd_name(project: Path) -> Path:
    try:
        with open(os.path.join(os.fsencode(project), b"\xe9.py"), "wb") as stream:
            stream.write(UNANNOTATED)
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses non-UTF-8 names")
    return project


@pytest.mark.parametrize("output_format", ["full", "concise", "json", "sarif", "github"])
def test_non_utf8_file_names_are_escaped(odd_name: Path, output_format: str) -> None:
    for args in ((), ("-o", "report.out")):
        result = backendlint("--output-format", output_format, *args, ".", cwd=odd_name)
        assert result.returncode == 1, result.stderr
        report = (odd_name / "report.out").read_bytes() if args else result.stdout
        text = report.decode("utf-8")  # valid UTF-8
        if output_format == "sarif":
            uris = [location["physicalLocation"]["artifactLocation"]["uri"]
                    for item in json.loads(text)["runs"][0]["results"]
                    for location in item["locations"]]
            assert uris == ["%E9.py"]
        elif output_format == "json":
            assert {f["path"] for f in json.loads(text)["findings"]} == {"\\xe9.py"}
        else:
            assert "\\xe9.py" in text


def test_non_utf8_file_names_survive_the_cache(odd_name: Path) -> None:
    first = backendlint("--output-format", "concise", ".", cwd=odd_name)
    second = backendlint("--output-format", "concise", ".", cwd=odd_name)
    assert first.returncode == second.returncode == 1, first.stderr + second.stderr
    assert first.stdout == second.stdout


# 11. A FIFO or a device named on the command line is reported, not read.

def test_fifo_and_device_are_not_read(project: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(project / "fifo.py")
    (project / "ok.py").write_bytes(UNANNOTATED)
    result = backendlint("fifo.py", os.devnull, "ok.py", cwd=project, timeout=30)
    assert result.stderr.count(b"not a regular file") == 2
    assert b"ok.py:1:5: BL202" in result.stdout
    assert result.returncode == 1


# 12. Too large files are skipped and reported.

def test_files_over_the_size_limit_are_skipped(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.backendlint]\nmax-file-size = 1000\n")
    (project / "big.py").write_bytes(UNANNOTATED * 40)
    (project / "small.py").write_bytes(UNANNOTATED)
    result = backendlint("--output-format", "concise", ".", cwd=project)
    lines = result.stdout.decode().splitlines()
    assert [line for line in lines if line.startswith("big.py")] == [
        ("big.py:1:1: BL001 File not analysed: 1120 bytes is over the limit of 1000 "
         "(max-file-size)")]
    assert any(line.startswith("small.py:1:5: BL202") for line in lines)


def test_default_size_limit_skips_a_huge_file_quickly() -> None:
    settings = resolve_settings(None)
    data = b"x = [" + b"1, " * 3_000_000 + b"]\n"
    started = time.perf_counter()
    result = lint_source("huge.py", data, settings)
    assert time.perf_counter() - started < 5
    assert [f.code for f in result.findings] == ["BL001"]
    assert "too" in result.findings[0].message or "over the limit" in result.findings[0].message


def test_files_with_too_many_nodes_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint import limits

    monkeypatch.setattr(limits, "MAX_NODES", 1000)
    settings = resolve_settings(None)
    result = lint_source("wide.py", "x = [" + "a, " * 2000 + "]\n", settings)
    assert [f.code for f in result.findings] == ["BL001"]
    assert "syntax nodes" in result.findings[0].message


# 12a. Applying many fixes is linear in their number.

def test_applying_many_fixes_is_linear() -> None:
    count = 20_000
    text = "".join(f"def handler_{index}():\n    return {index}\n" for index in range(count))
    findings = []
    for index in range(count):
        line = 2 * index + 1
        column = len(f"def handler_{index}()") + 1
        edit = Edit(line, column, line, column, " -> int")
        findings.append(Finding("BL202", "x", "type-hints", Severity.WARNING, "m", "a.py",
                                line, 5, line, 6, Fix("annotate", Applicability.SAFE, (edit,))))
    started = time.perf_counter()
    outcome = apply_fixes(text, findings, unsafe=False)
    # Quadratic (comparing every span with every other, slicing once per edit) took minutes.
    assert time.perf_counter() - started < 15
    assert len(outcome.applied) == count
    assert outcome.text.count(" -> int:") == count


def test_diff_of_many_fixes_is_linear_and_applies() -> None:
    from backendlint.linediff import split_lines_keeping_ends, unified_diff

    before = "".join(f"def handler_{index}():\n    return {index}\n" for index in range(20_000))
    after = before.replace("():", "() -> int:")
    started = time.perf_counter()
    diff = unified_diff(split_lines_keeping_ends(before), split_lines_keeping_ends(after),
                        "a/x.py", "b/x.py")
    # difflib's matcher took minutes here.
    assert time.perf_counter() - started < 10
    removed = [line[1:] for line in diff.splitlines(keepends=True)[2:] if line[0] == "-"]
    added = [line[1:] for line in diff.splitlines(keepends=True)[2:] if line[0] == "+"]
    assert "".join(removed).replace("():", "() -> int:") == "".join(added)
    assert len(added) == 20_000


def test_diff_matches_difflib_on_a_small_change() -> None:
    import difflib

    from backendlint.linediff import unified_diff

    before = [f"line {index}\n" for index in range(30)]
    after = before[:10] + ["new\n"] + before[12:25] + before[26:] + ["tail\n"]
    assert unified_diff(before, after, "a", "b") == "".join(
        difflib.unified_diff(before, after, "a", "b"))


# 13. Broken configuration is exit 2 with one line naming the file and the key.

@pytest.mark.parametrize(("content", "fragment"), [
    ("project = 3\n[tool.backendlint]\n", "'project'"),
    ("[tool.backendlint\nselect = ['BL1']\n", "invalid TOML"),
    ("[tool]\nbackendlint = 5\n", "'tool.backendlint'"),
    ("tool.backendlint = 3\n", "'tool.backendlint'"),
    ("[tool.backendlint]\ntarget-version = 'py3999'\n", "'tool.backendlint.target-version'"),
    ("[tool.backendlint]\nmax-file-size = -1\n", "'tool.backendlint.max-file-size'"),
])
def test_broken_configuration_is_exit_two(project: Path, content: str, fragment: str) -> None:
    (project / "pyproject.toml").write_text(content)
    (project / "ok.py").write_text("VALUE = 1\n")
    result = backendlint("ok.py", cwd=project)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert "pyproject.toml" in lines[0] and fragment in lines[0]
    assert "internal error" not in lines[0]


def test_target_version_in_range_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\ntarget-version = 'py312'\n")
    assert settings_for(tmp_path).target_version == (3, 12)


# 14. A failed fix write is exit 2.

def test_failed_fix_write_is_exit_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "app.py").write_bytes(UNANNOTATED)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    for extra in ((), ("--exit-zero",)):
        result = CliRunner().invoke(main, ["--fix", *extra, "app.py"])
        assert result.exit_code == 2, result.output
        assert "cannot write fixes" in result.output
        assert "Fixed 1 finding" not in result.output
    assert (tmp_path / "app.py").read_bytes() == UNANNOTATED


# 15. A fix refused for nesting says so.

def test_deep_nesting_refusal_names_the_cause() -> None:
    import testing_rules  # tests/ is on sys.path (conftest.py)

    testing_rules.install()
    try:
        settings = resolve_settings(None, CliOverrides(select=["BL991"]))
        text = "print(1)\nx = " + " + ".join(["a"] * 1000) + "\n"
        outcome = fix_until_stable(
            text, lambda code: lint_source("a.py", code, settings).findings, unsafe=False)
    finally:
        testing_rules.uninstall()
    assert outcome.error is not None
    assert "would not parse" not in outcome.error
    assert "nested too deeply" in outcome.error
