"""Replaying an unchanged run (backendlint/replay.py), through the real command.

A replayed run is told apart from a linted one by planting a marker in the manifest's stored
report: only a replay can print it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLEAN = "VALUE = 1\n"
BLOCKING = "import time\n\n\nasync def handler() -> None:\n    time.sleep(1)\n"
MARKER = b"replayed report\n"
OLD = time.time() - 3600  # older than the racy window: a manifest may be written


def run(project: Path, *args: str, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "backendlint", "check", "--output-format", "concise",
               "--select", "BL101", *args, "app"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, **(env or {})})


def age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, (OLD, OLD))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    app = tmp_path / "app"
    app.mkdir()
    (app / "views.py").write_text(BLOCKING)
    (app / "models.py").write_text(CLEAN)
    # A folder with pyvenv.cfg is a virtualenv, skipped unlisted; without it, it is linted.
    (app / "env").mkdir()
    (app / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (app / "env" / "tool.py").write_text(BLOCKING)
    age(app / "views.py", app / "models.py", tmp_path / "pyproject.toml", app / "env" / "pyvenv.cfg",
        app / "env" / "tool.py", app / "env", app)
    return tmp_path


def manifests(project: Path) -> list[Path]:
    return sorted((project / ".backendlint_cache").glob("replay-*.bin"))


def plant_marker(project: Path) -> None:
    """Replace the stored report of the only manifest with the marker."""
    [manifest] = manifests(project)
    header_text, _, _ = manifest.read_bytes().partition(b"\n")
    header = json.loads(header_text)
    header["length"] = len(MARKER)
    manifest.write_bytes(json.dumps(header).encode() + b"\n" + MARKER)


def recorded(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    first = run(project, *args)
    assert "BL101" in first.stdout
    plant_marker(project)
    return first


def test_an_unchanged_run_is_replayed_with_its_report_and_exit_status(project: Path) -> None:
    first = recorded(project)
    assert first.returncode == 1
    again = run(project)
    assert again.stdout == MARKER.decode()
    assert again.returncode == 1  # the recorded status, findings and all


def test_the_replayed_bytes_are_the_report_the_linted_run_printed(project: Path) -> None:
    first = run(project)
    second = run(project)
    assert second.stdout == first.stdout and second.returncode == first.returncode
    [manifest] = manifests(project)
    assert manifest.read_bytes().partition(b"\n")[2] == first.stdout.encode()


@pytest.mark.parametrize("change", [
    "edit a linted file", "add a file", "remove a file", "create a configuration in a folder",
    "create a configuration above", "edit the configuration", "create a .gitignore",
    "a virtualenv stops being one",
])
def test_a_changed_input_lints_again(project: Path, change: str) -> None:
    recorded(project)
    app = project / "app"
    if change == "edit a linted file":
        (app / "models.py").write_text(CLEAN + "OTHER = 2\n")
    elif change == "add a file":
        (app / "more.py").write_text(BLOCKING)
    elif change == "remove a file":
        (app / "models.py").unlink()
    elif change == "create a configuration in a folder":
        (app / "backendlint.toml").write_text("ignore = ['BL101']\n")
    elif change == "create a configuration above":
        (project / "backendlint.toml").write_text("ignore = ['BL101']\n")
    elif change == "edit the configuration":
        (project / "pyproject.toml").write_text("[tool.backendlint]\nignore = ['BL101']\n")
    elif change == "a virtualenv stops being one":
        (app / "env" / "pyvenv.cfg").unlink()
    else:
        (project / ".gitignore").write_text("app/views.py\n")
    again = run(project)
    assert MARKER.decode() not in again.stdout


def test_another_command_or_environment_is_not_replayed(project: Path) -> None:
    recorded(project)
    assert MARKER.decode() not in run(project, "--statistics").stdout
    assert MARKER.decode() not in run(project, env={"FORCE_COLOR": "1"}).stdout
    assert run(project).stdout == MARKER.decode()


@pytest.mark.parametrize("args", [("--no-cache",), ("--fix",), ("-o", "report.txt"),
                                  ("--verbose",)])
def test_runs_that_write_or_warn_leave_no_manifest(project: Path, args: tuple[str, ...]
                                                   ) -> None:
    run(project, *args)
    assert manifests(project) == []


def test_a_run_that_warned_on_stderr_leaves_no_manifest(project: Path) -> None:
    (project / "app" / "outside.py").symlink_to("/etc/hostname")
    result = run(project)
    assert "symbolic link" in result.stderr
    assert manifests(project) == []


def test_a_file_written_just_now_leaves_no_manifest(project: Path) -> None:
    """Its next write may keep size and mtime: only its stat would tell, and cannot."""
    (project / "app" / "models.py").write_text(CLEAN)
    run(project)
    assert manifests(project) == []


def test_a_damaged_manifest_is_ignored(project: Path) -> None:
    first = run(project)
    [manifest] = manifests(project)
    manifest.write_bytes(b"{not json\n")
    again = run(project)
    assert again.stdout == first.stdout and again.returncode == first.returncode


# Runs the command in this process with an audit hook that notes every file opened for
# reading, then prints those that are neither a linted file nor noted in inputs.py.
_UNNOTED_READS = """
import json, os, sys
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and isinstance(args[1], str) \\
            and "r" in args[1] and "+" not in args[1]:
        opened.add(os.path.abspath(args[0]))
sys.addaudithook(hook)
from backendlint import inputs
from backendlint.cli import main
try:
    main(sys.argv[1:], standalone_mode=True)
except SystemExit:
    pass
here = os.path.abspath(".")
unnoted = sorted(path for path in opened - inputs.READ
                 if path.startswith(here + os.sep) and not path.endswith((".py", ".pyc"))
                 and ".backendlint_cache" not in path)
print("UNNOTED", json.dumps(unnoted))
"""


def test_every_file_the_run_reads_is_noted_as_an_input(project: Path) -> None:
    """Configuration (with `extend`), a nested configuration, .gitignore and a baseline: a
    reader that did not note its file in inputs.py would let a replay miss its change."""
    (project / "base.toml").write_text("ignore = []\n")
    (project / "pyproject.toml").write_text("[tool.backendlint]\nextend = 'base.toml'\n")
    (project / "app" / "backendlint.toml").write_text("ignore = ['BL201']\n")
    (project / ".gitignore").write_text("build/\n")
    (project / "app" / ".gitignore").write_text("generated.py\n")
    written = subprocess.run([sys.executable, "-m", "backendlint", "check", "--write-baseline",
                              "baseline.json", "app"], cwd=project, capture_output=True,
                             text=True, timeout=120, check=False)
    assert written.returncode == 0, written.stderr
    command = [sys.executable, "-c", _UNNOTED_READS, "check", "--baseline", "baseline.json",
               "--output-format", "concise", "app"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True,
                            timeout=120, check=False)
    line = next(text for text in result.stdout.splitlines() if text.startswith("UNNOTED"))
    assert json.loads(line.split(" ", 1)[1]) == [], result.stderr
    assert "error" not in result.stderr
