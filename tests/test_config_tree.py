"""Nested configuration files, `extend`, `--show-settings FILE`, and partial runs that still
see the whole project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import backendlint

SLEEP = "import time\n\n\nasync def nap() -> None:\n    time.sleep(1)\n"


def codes(result_stdout: str) -> list[tuple[str, str]]:
    return sorted((f["path"], f["code"]) for f in json.loads(result_stdout)["findings"])


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.backendlint]\nselect = ["BL1"]\n')
    (tmp_path / "a.py").write_text(SLEEP)
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "pyproject.toml").write_text('[tool.backendlint]\nignore = ["BL101"]\n')
    (legacy / "old.py").write_text(SLEEP + "\n\ndef untyped(x):\n    return x\n")
    return tmp_path


def test_nearest_configuration_applies_to_each_file(nested: Path) -> None:
    result = backendlint("--output-format", "json", ".", cwd=nested)
    # legacy/ has its own file: BL101 ignored there; its default selection (type hints too).
    assert codes(result.stdout) == [("a.py", "BL101"), ("legacy/old.py", "BL201"),
                                    ("legacy/old.py", "BL202")]
    # The same from inside legacy/ and for the file named alone.
    inside = backendlint("--output-format", "json", "old.py", cwd=nested / "legacy")
    assert codes(inside.stdout) == [("old.py", "BL201"), ("old.py", "BL202")]


def test_extend_inherits_and_overrides(nested: Path) -> None:
    (nested / "legacy" / "pyproject.toml").write_text(
        '[tool.backendlint]\nextend = "../pyproject.toml"\nextend-select = ["BL201"]\n')
    result = backendlint("--output-format", "json", ".", cwd=nested)
    assert codes(result.stdout) == [("a.py", "BL101"), ("legacy/old.py", "BL101"),
                                    ("legacy/old.py", "BL201")]


def test_extend_errors_are_configuration_errors(nested: Path) -> None:
    legacy = nested / "legacy" / "pyproject.toml"
    legacy.write_text('[tool.backendlint]\nextend = "../missing.toml"\n')
    result = backendlint(".", cwd=nested)
    assert result.returncode == 2 and "does not exist" in result.stderr
    legacy.write_text('[tool.backendlint]\nextend = "../pyproject.toml"\n')
    (nested / "pyproject.toml").write_text(
        '[tool.backendlint]\nextend = "legacy/pyproject.toml"\n')
    cycle = backendlint(".", cwd=nested)
    assert cycle.returncode == 2 and "cycle" in cycle.stderr


def test_show_settings_for_one_file(nested: Path) -> None:
    shown = json.loads(backendlint("--show-settings", "legacy/old.py", cwd=nested).stdout)
    assert shown["config"].endswith("legacy/pyproject.toml")
    assert "BL101" not in shown["enabled"] and "BL201" in shown["enabled"]
    top = json.loads(backendlint("--show-settings", cwd=nested).stdout)
    assert top["enabled"] == sorted(c for c in top["enabled"] if c.startswith("BL1"))


def test_explicit_files_still_see_the_rest_of_the_project(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "services.py").write_text(
        "def load() -> str:\n    with open('x') as handle:\n        return handle.read()\n")
    (tmp_path / "views.py").write_text(
        "from services import load\n\n\nasync def view() -> str:\n    return load()\n")
    result = backendlint("--output-format", "json", "--no-cache", "views.py", cwd=tmp_path)
    assert codes(result.stdout) == [("views.py", "BL107")]
    # services.py's own findings are not reported when only views.py is named.
    (tmp_path / "services.py").write_text(
        "def load(x):\n    with open('x') as handle:\n        return handle.read()\n")
    again = backendlint("--output-format", "json", "views.py", cwd=tmp_path)
    assert codes(again.stdout) == [("views.py", "BL107")]


def test_project_context_only_for_paths_inside_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.backendlint]\n")
    (project / "a.py").write_text("VALUE = 1\n")
    (project / "b.py").write_text("OTHER = 2\n")
    (tmp_path / "elsewhere.py").write_text("X = 3\n")

    def lint_calls(*args: str) -> list[str]:
        result = backendlint("-v", "--no-cache", *args, cwd=project)
        return [line for line in result.stderr.splitlines() if ": linting " in line]

    # a.py alone: a.py, then b.py as context.
    assert [line.split("linting ")[1].split(" ")[0] for line in lint_calls("a.py")] == ["1", "1"]
    # A file of another folder: no context from this project.
    assert len(lint_calls("../elsewhere.py")) == 1
    # The whole project: nothing else to read.
    assert len(lint_calls(".")) == 1
