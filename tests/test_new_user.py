"""What a new user hit first (issue 13, item 10): each case failed before its fix."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from test_cli import backendlint

from backendlint.syntax_versions import newer_syntax_hint

ROOT = Path(__file__).resolve().parent.parent
SLEEPY = "import time\n\n\nasync def nap() -> None:\n    time.sleep(1)\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "api.py").write_text(SLEEPY)
    return tmp_path


@pytest.mark.parametrize("name", ["blocking-sleep-in-async", "blocking-helper-call-in-async",
                                  "BL101", "bl101"])
def test_rule_command_accepts_names_starting_with_bl(name: str, project: Path) -> None:
    result = backendlint("rule", name, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# BL1")


def test_statistics_with_json_and_machine_formats(project: Path) -> None:
    document = json.loads(backendlint("--statistics", "--output-format", "json", ".",
                                      cwd=project).stdout)
    assert document["statistics"] == [{"code": "BL101", "name": "blocking-sleep-in-async",
                                       "count": 1, "fixable": True}]
    sarif = backendlint("--statistics", "--output-format", "sarif", ".", cwd=project)
    assert json.loads(sarif.stdout)["runs"][0]["results"]
    assert "BL101" in sarif.stderr and "blocking-sleep-in-async" in sarif.stderr
    github = backendlint("--statistics", "--output-format", "github", ".", cwd=project)
    assert github.stdout.startswith("::error") and "1  BL101" in github.stderr


def test_force_color_colours_piped_output(project: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in backendlint(".", cwd=project).stdout
    monkeypatch.delenv("FORCE_COLOR")
    assert "\x1b[" not in backendlint(".", cwd=project).stdout


def test_full_output_marks_fixable_findings(project: Path) -> None:
    # BL101's fix is unsafe here (it adds an import): shown as fixable with --unsafe-fixes.
    assert "api.py:5:5: BL101 [*] `time.sleep()`" in backendlint("--unsafe-fixes", ".",
                                                            cwd=project).stdout


def test_bl403_quotes_the_number_as_written(tmp_path: Path) -> None:
    (tmp_path / "hashers.py").write_text(
        "from django.contrib.auth.hashers import PBKDF2PasswordHasher\n\n\n"
        "class Fast(PBKDF2PasswordHasher):\n    iterations = 50_000\n")
    result = backendlint("--isolated", "--output-format", "concise", ".", cwd=tmp_path)
    assert "`iterations = 50_000`" in result.stdout


def test_bl503_and_bl504_point_at_the_attribute(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(
        "from rest_framework.views import APIView\n\n\n"
        "class LoginView(APIView):\n"
        "    throttle_scope = 'login'\n\n"
        "    def post(self, request):\n        return None\n\n\n"
        "class SignupView(APIView):\n"
        "    throttle_classes = []\n\n"
        "    def post(self, request):\n        return None\n")
    (tmp_path / "urls.py").write_text(
        "from django.urls import path\nfrom views import LoginView, SignupView\n\n"
        "urlpatterns = [path('login/', LoginView.as_view()),"
        " path('signup/', SignupView.as_view())]\n")
    (tmp_path / "settings.py").write_text(
        "REST_FRAMEWORK = {'DEFAULT_THROTTLE_CLASSES': ['rest_framework.throttling."
        "AnonRateThrottle'], 'DEFAULT_THROTTLE_RATES': {'anon': '100/day'}}\n")
    result = backendlint("--isolated", "--select", "BL503,BL504", "--output-format", "json",
                         ".", cwd=tmp_path)
    found = {(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("BL503", 5, 5), ("BL504", 12, 5)}


def test_newer_syntax_is_explained() -> None:
    hint = newer_syntax_hint("type Vector = list[float]", running=(3, 11))
    assert hint is not None and "Python 3.12" in hint and "running on Python 3.11" in hint
    assert "3.10" in (newer_syntax_hint("    match command:", running=(3, 9)) or "")
    assert newer_syntax_hint("type Vector = list[float]", running=(3, 12)) is None
    assert newer_syntax_hint("x = 1 +", running=(3, 9)) is None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 695 parses on 3.12+")
def test_pep_695_on_an_older_python_names_the_version(tmp_path: Path) -> None:
    (tmp_path / "new.py").write_text("type Vector = list[float]\n")
    result = backendlint("--isolated", "--output-format", "concise", ".", cwd=tmp_path)
    assert "needs Python 3.12" in result.stdout
    assert f"running on Python {sys.version_info[0]}.{sys.version_info[1]}" in result.stdout


# Messages may start with code in backticks or a package spelled as its authors spell it.
PACKAGES = ("asyncpg", "sqlite3", "psycopg", "psycopg2", "pymysql", "aiosqlite", "aiomysql",
            "aiopg", "databases", "passlib", "slowapi", "flask-limiter", "fastapi-limiter",
            "django-ratelimit", "mysql.connector", "MySQLdb", "hashlib", "bcrypt")


def test_messages_share_one_style_and_stay_short() -> None:
    result = backendlint("--isolated", "--select", "ALL", "--no-cache", "--output-format",
                         "json-lines", "spec", "examples", cwd=ROOT)
    messages = {(f["code"], f["message"]) for f in map(json.loads, result.stdout.splitlines())}
    assert len(messages) > 300
    for code, message in messages:
        first = message.split(" ", 1)[0]
        assert message[0].isupper() or message[0] == "`" or first in PACKAGES, (code, message)
        assert "→" not in message, (code, message)  # chains are related locations
    concise = backendlint("--isolated", "--select", "ALL", "--no-cache", "--output-format",
                          "concise", "spec", "examples", cwd=ROOT)
    lines = [line for line in concise.stdout.splitlines() if ": BL" in line]
    assert len(lines) > 300
    for line in lines:
        message = line.split(": ", 1)[1].split(" ", 1)[1].removeprefix("[*] ")
        assert len(message) <= 202, line  # the limit, then " …" after a clause
