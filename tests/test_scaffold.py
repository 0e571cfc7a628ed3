"""The new-rule scaffold writes a rule file, a spec folder (flagged and clean cases) and a
docs stub, and nothing else."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from backendlint.scaffold import main, scaffold


def practice_tree(tmp_path: Path) -> Path:
    package = tmp_path / "src" / "backendlint" / "practices" / "web_security"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    return tmp_path


def test_creates_exactly_the_four_files(tmp_path: Path) -> None:
    root = practice_tree(tmp_path)
    created = scaffold(root, "BL799", "insecure-thing", "web-security")
    relative = sorted(path.relative_to(root).as_posix() for path in created)
    assert relative == [
        "docs/rules/BL799.md",
        "spec/BL799_insecure-thing/clean_example.py",
        "spec/BL799_insecure-thing/flagged_example.py",
        "src/backendlint/practices/web_security/bl799_insecure_thing.py",
    ]
    rule = (root / relative[-1]).read_text(encoding="utf-8")
    tree = ast.parse(rule)
    (cls,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    assert cls.name == "InsecureThing"
    assert 'code = "BL799"' in rule and 'name = "insecure-thing"' in rule


def test_refuses_bad_codes_missing_practices_and_existing_files(tmp_path: Path) -> None:
    root = practice_tree(tmp_path)
    with pytest.raises(ValueError, match="three digits"):
        scaffold(root, "BL79", "x", "web-security")
    with pytest.raises(ValueError, match="no practice package"):
        scaffold(root, "BL799", "x", "data-access")
    scaffold(root, "BL799", "thing", "web-security")
    with pytest.raises(ValueError, match="exists already"):
        scaffold(root, "BL799", "thing", "web-security")
    assert main(["BL79", "x", "--practice", "web-security", "--root", str(root)]) == 2
