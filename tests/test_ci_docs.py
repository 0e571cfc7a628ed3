"""The GitHub Action, and the CI documentation's promises: versions that match the package,
the gate in two steps, links that work on the package index."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backendlint import __version__

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def test_pre_commit_rev_action_ref_and_pins_name_the_current_version() -> None:
    for text in (README, CI_DOC):
        assert set(re.findall(r"rev: (v[0-9][0-9.]*[0-9])", text)) == {f"v{__version__}"}
        refs = set(re.findall(r"backendlint/backendlint@(v[0-9][0-9.]*[0-9])", text))
        assert refs <= {f"v{__version__}"}
        assert set(re.findall(r"backendlint==(\S+)", text)) <= {__version__}
    assert "id: backendlint" in (ROOT / ".pre-commit-hooks.yaml").read_text()


def test_readme_and_ci_doc_show_the_gate_in_two_steps() -> None:
    for text in (README, CI_DOC):
        write = text.index("--write-baseline")
        assert "--baseline .backendlint-baseline.json" in text[write:]
    assert "Renamed or moved files" in CI_DOC and "## Releasing backendlint" in CI_DOC
    assert "--diff-base" in CI_DOC and "codequality" in CI_DOC


def test_readme_links_are_absolute_for_the_package_index() -> None:
    links = re.findall(r"\]\(([^)]+)\)", README)
    assert links and all(link.startswith("https://") for link in links), links


def test_action_is_composite_installs_itself_and_uploads_sarif() -> None:
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert any('"$GITHUB_ACTION_PATH"' in step.get("run", "") for step in steps)
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["if"].startswith("always()")
    assert set(action["inputs"]) >= {"paths", "args", "baseline", "diff-base", "category"}


def test_action_lint_step_runs_backendlint_and_records_its_exit_code(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    lint = next(step for step in action["runs"]["steps"] if step.get("id") == "lint")
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "api.py").write_text(
        "import time\n\n\nasync def nap() -> None:\n    time.sleep(1)\n")
    output = tmp_path / "github_output"
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_OUTPUT": str(output), "PATHS": ".", "ARGS": "--select BL1",
           "BASELINE": "", "DIFF_BASE": "", "CATEGORY": "backendlint-test",
           "SARIF": "out.sarif"}
    subprocess.run(["bash", "-eo", "pipefail", "-c", lint["run"]], cwd=tmp_path, env=env,
                   check=True, timeout=120)
    assert output.read_text().strip() == "exit-code=1"
    assert '"id": "backendlint-test/"' in (tmp_path / "out.sarif").read_text()
