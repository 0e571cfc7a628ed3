"""The real command, run as a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# Runs the CLI with the test-only rules registered (BL991 has a safe fix).
WITH_TEST_RULES = (
    f"import sys; sys.path.insert(0, {str(TESTS)!r}); import testing_rules; "
    "testing_rules.install(); from backendlint.cli import run; "
    "sys.argv = ['backendlint'] + sys.argv[1:]; run()"
)


def backendlint(*args: str, cwd: Path, stdin: str = "", test_rules: bool = False
                ) -> subprocess.CompletedProcess[str]:
    command = ([sys.executable, "-c", WITH_TEST_RULES] if test_rules
               else [sys.executable, "-m", "backendlint"])
    return subprocess.run([*command, *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "ok.py").write_text("VALUE = 1\n")
    return tmp_path


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_clean_run_exits_zero(project: Path) -> None:
    result = backendlint("app", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_findings_exit_one_and_exit_zero(project: Path) -> None:
    (project / "app" / "broken.py").write_text("def f(:\n")
    result = backendlint(cwd=project)  # no path: the current directory
    assert result.returncode == 1
    assert "app/broken.py:1:7: BL001" in result.stdout
    assert backendlint("check", "--exit-zero", ".", cwd=project).returncode == 0


def test_usage_errors_exit_two_without_traceback(project: Path) -> None:
    for args, fragment in ((("missing/",), "no such file"),
                           (("--select", "BL10O", "."), "unknown rule selector"),
                           (("--output-format", "xml", "."), "xml"),
                           (("--config", "nope.toml", "."), "does not exist")):
        result = backendlint(*args, cwd=project)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert fragment in result.stderr
        assert_no_traceback(result)


def test_exit_zero_never_hides_errors(project: Path) -> None:
    result = backendlint("--exit-zero", "missing.py", cwd=project)
    assert result.returncode == 2


def test_broken_pyproject_exits_two_naming_file(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.backendlint]\nselect = [\n")
    result = backendlint(".", cwd=project)
    assert result.returncode == 2
    assert "pyproject.toml" in result.stderr and "invalid TOML" in result.stderr
    assert_no_traceback(result)


def test_did_you_mean(project: Path) -> None:
    result = backendlint("--ignore", "unparsable-fil", ".", cwd=project)
    assert result.returncode == 2
    assert "did you mean 'unparsable-file'" in result.stderr


def test_folder_without_python_files(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# docs\n")
    result = backendlint("docs", cwd=project)
    assert result.returncode == 0
    assert "no Python files found" in result.stderr


def test_version_and_show_settings(project: Path) -> None:
    version = backendlint("--version", cwd=project)
    assert version.returncode == 0 and version.stdout.startswith("backendlint ")
    settings = backendlint("--show-settings", "--extend-select", "BL002", cwd=project)
    data = json.loads(settings.stdout)
    assert "BL002" in data["enabled"] and data["config"].endswith("pyproject.toml")


def test_stdin_with_filename_resolves_config_and_paths(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.backendlint]\nper-file-ignores = { 'legacy/*' = ['BL001'] }\n")
    result = backendlint("-", "--stdin-filename", "app/api.py", cwd=project,
                         stdin="def f(:\n")
    assert result.returncode == 1
    assert result.stdout.startswith("app/api.py:1:7: BL001")
    ignored = backendlint("-", "--stdin-filename", "legacy/api.py", cwd=project,
                          stdin="def f(:\n")
    assert ignored.returncode == 0


def test_output_file_and_formats(project: Path) -> None:
    (project / "app" / "broken.py").write_text("def f(:\n")
    result = backendlint("--output-format", "json", "-o", "out.json", ".", cwd=project)
    assert result.returncode == 1 and result.stdout == ""
    data = json.loads((project / "out.json").read_text())
    assert data["findings"][0]["path"] == "app/broken.py"
    sarif = json.loads(backendlint("--output-format", "sarif", ".", cwd=project).stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "BL001"
    github = backendlint("--output-format", "github", ".", cwd=project).stdout
    assert github.startswith("::error ") and "file=app/broken.py" in github
    concise = backendlint("--output-format", "concise", "-q", ".", cwd=project).stdout
    assert concise.strip() == "app/broken.py:1:7: BL001 Syntax error: invalid syntax"
    statistics = backendlint("--statistics", ".", cwd=project).stdout
    assert "BL001" in statistics and "unparsable-file" in statistics


def test_fix_diff_and_show_fixes(project: Path) -> None:
    target = project / "app" / "service.py"
    original = "def run():\n    print('starting')  # say hi\n"
    target.write_text(original)
    diff = backendlint("--select", "BL991", "--diff", ".", cwd=project, test_rules=True)
    assert diff.returncode == 1, diff.stderr
    assert "-    print('starting')  # say hi" in diff.stdout
    assert "+    logging.info('starting')  # say hi" in diff.stdout
    assert target.read_text() == original
    fixed = backendlint("--select", "BL991", "--fix", "--show-fixes", ".", cwd=project,
                        test_rules=True)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert target.read_text() == ("import logging\n\ndef run():\n"
                                  "    logging.info('starting')  # say hi\n")
    assert "BL991" in fixed.stdout


def test_fix_that_would_break_code_writes_nothing(project: Path) -> None:
    target = project / "app" / "ok.py"
    result = backendlint("--select", "BL992", "--fix", ".", cwd=project, test_rules=True)
    assert target.read_text() == "VALUE = 1\n"
    assert "would not parse" in result.stderr
    assert result.returncode == 1
    assert "app/ok.py:1:1: BL992 Assignment (fix not applied: the fixed code would not parse" \
        in result.stdout


def test_stdin_fix_prints_fixed_source(project: Path) -> None:
    result = backendlint("--select", "BL991", "--fix", "-", "--stdin-filename", "app/x.py",
                         cwd=project, stdin="print(1)\n", test_rules=True)
    assert result.stdout.startswith("import logging\n\nlogging.info(1)\n")


def test_rule_and_rules_commands(project: Path) -> None:
    doc = backendlint("rule", "BL001", cwd=project)
    assert doc.returncode == 0 and "## What it does" in doc.stdout
    by_name = backendlint("rule", "unparsable-file", "--output-format", "json", cwd=project)
    assert json.loads(by_name.stdout)["code"] == "BL001"
    listing = json.loads(backendlint("rules", "--output-format", "json", cwd=project).stdout)
    assert {"BL001", "BL002"} <= {rule["code"] for rule in listing}
    table = backendlint("rules", cwd=project).stdout
    assert "unused-suppression" in table
    unknown = backendlint("rule", "BL0001", cwd=project)
    assert unknown.returncode == 2 and "did you mean" in unknown.stderr


def test_gitignored_files_are_skipped_unless_asked(project: Path) -> None:
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("generated/\n")
    (project / "generated").mkdir()
    (project / "generated" / "bad.py").write_text("def f(:\n")
    assert backendlint(".", cwd=project).returncode == 0
    assert backendlint("--no-respect-gitignore", ".", cwd=project).returncode == 1


def test_python_warnings_about_the_linted_code_are_not_printed_or_turned_into_errors(
        tmp_path: Path) -> None:
    """An invalid escape sequence makes Python warn while parsing (SyntaxWarning from 3.12,
    DeprecationWarning before); under `-W error` it raises SyntaxError instead. Both are
    about the linted code: neither may reach stderr or become a BL001."""
    (tmp_path / "patterns.py").write_text('import re\n\nDIGITS = re.compile("\\d+")\n')
    command = [sys.executable, "-W", "error", "-m", "backendlint", "check", "--isolated",
               "--no-cache", "--output-format", "concise", "patterns.py"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout
    assert "BL001" not in result.stdout and "Warning" not in result.stderr
