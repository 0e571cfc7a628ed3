"""The package metadata and the sdist's contents (the sdist must run its own tests)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_metadata_has_typing_status_and_urls() -> None:
    classifiers = PROJECT["classifiers"]
    assert "Typing :: Typed" in classifiers
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    assert {"Homepage", "Documentation", "Repository", "Issues"} <= set(PROJECT["urls"])
    assert all(url.startswith("https://") for url in PROJECT["urls"].values())
    assert (ROOT / "src" / "backendlint" / "py.typed").is_file()


def test_sdist_manifest_carries_what_the_tests_read() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text()
    grafted = set(re.findall(r"^graft (\S+)", manifest, re.MULTILINE))
    # Every top-level folder a test reads from (tests/ itself, the rule examples, the demo
    # service, the docs pages compared with the rules, the benchmark script).
    read_by_tests = {"tests", "rules", "examples", "docs", "benchmarks"}
    assert read_by_tests <= grafted
    for name in ("README.md", "LICENSE", "action.yml", ".pre-commit-hooks.yaml"):
        assert name in manifest
