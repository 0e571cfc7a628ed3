"""The demo service shows every practice's rules, and the README's commands are the real ones."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from backendlint.core.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent


def test_demo_shows_every_practice_rule() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backendlint", "--config", "examples/backendlint.toml",
         "--output-format", "json", "--no-cache", "examples/"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    shown = {finding["code"] for finding in json.loads(result.stdout)["findings"]}
    expected = {rule.code for rule in all_rules() if rule.code != "BL001"}
    assert expected - shown == set()


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```console\n(.*?)```", readme, re.DOTALL)
    assert first_block is not None
    lines = first_block.group(1).strip().splitlines()
    assert lines[0] == "pip install . && backendlint --config examples/backendlint.toml examples/"
    assert lines[1] == 'pip install -e ".[test]" && python -m pytest'
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci
