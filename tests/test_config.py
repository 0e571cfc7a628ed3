"""Configuration discovery, validation and merging with the command line."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Literal, Optional

import pytest

from backendlint.config import (
    CliOverrides,
    ConfigError,
    build_options,
    find_config,
    load_config,
    resolve_settings,
    settings_for,
)
from backendlint.core.practice import PracticeOptions
from backendlint.core.registry import all_rules, resolve_selector


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_found_by_walking_up_and_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.backendlint]\nignore = ['BL001']\n")
    nested = tmp_path / "pkg" / "sub"
    nested.mkdir(parents=True)
    write(tmp_path / "pkg" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(nested) == tmp_path / "pyproject.toml"
    write(tmp_path / "pkg" / "backendlint.toml", "ignore = []\n")
    assert find_config(nested) == tmp_path / "pkg" / "backendlint.toml"


def test_select_ignore_and_extend(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "backendlint.toml",
                               "select = ['BL0']\nignore = ['BL001']\n"
                               "extend-select = ['unused-suppression']\n"))
    settings = resolve_settings(config)
    assert settings.enabled == frozenset({"BL002"})
    cli = resolve_settings(config, CliOverrides(select=["BL001"]))
    assert cli.enabled == frozenset({"BL002"})  # BL001 still ignored by the file
    assert resolve_settings(None).enabled == frozenset(
        rule.code for rule in all_rules() if rule.default_enabled)


@pytest.mark.parametrize("text,fragment", [
    ("selct = ['BL1']\n", "unknown key 'tool.backendlint.selct'"),
    ("select = 'BL1'\n", "'tool.backendlint.select' must be a list of strings"),
    ("select = ['BL9x']\n", "unknown rule selector 'BL9x'"),
    ("select = ['unused-supression']\n", "did you mean 'unused-suppression'"),
    ("respect-gitignore = 1\n", "must be a boolean"),
    ("[async-blocking\n", "invalid TOML"),
    ("target-version = 'python3'\n", "string like 'py310'"),
    ("[tool.backendlint.engine]\nfoo = 1\n", "unknown key 'tool.backendlint.engine.foo'"),
])
def test_broken_config_names_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.backendlint]\n" + text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert fragment in str(raised.value)
    assert str(path) in str(raised.value)


@dataclasses.dataclass
class _Options(PracticeOptions):
    names: list[str] = dataclasses.field(default_factory=list)
    limit: int = 3
    scope: Literal["a", "b"] = "a"
    label: Optional[str] = None


def test_practice_options_are_typed() -> None:
    built = build_options(_Options, {"names": ["x"], "limit": 5, "scope": "b"},
                          Path("cfg.toml"), "tool.backendlint.p")
    assert built == _Options(names=["x"], limit=5, scope="b")
    for bad in ({"limit": "5"}, {"limit": True}, {"names": [1]}, {"scope": "c"}):
        with pytest.raises(ConfigError, match="tool.backendlint.p"):
            build_options(_Options, bad, Path("cfg.toml"), "tool.backendlint.p")


def test_target_version_from_requires_python(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml",
                 "[project]\nrequires-python = '>=3.10'\n[tool.backendlint]\n")
    assert resolve_settings(load_config(path)).target_version == (3, 10)


def test_per_file_ignores_match_relative_to_project_root(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml",
                 "[tool.backendlint]\nper-file-ignores = { 'tests/*' = ['engine'] }\n")
    settings = resolve_settings(load_config(path))
    settings.display_base = tmp_path
    assert not settings.is_enabled_for("BL001", "tests/test_x.py")
    assert settings.is_enabled_for("BL001", "src/app.py")


def test_isolated_and_explicit_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.backendlint]\nselect = ['BL002']\n")
    assert settings_for(tmp_path).enabled == frozenset({"BL002"})
    assert "BL002" not in settings_for(tmp_path, isolated=True).enabled
    with pytest.raises(ConfigError, match="does not exist"):
        settings_for(tmp_path, config_path=tmp_path / "missing.toml")


def test_selectors() -> None:
    assert resolve_selector("BL0") >= {"BL001", "BL002"}
    assert resolve_selector("engine") >= {"BL001", "BL002"}
    assert resolve_selector("unparsable-file") == {"BL001"}
    assert resolve_selector("bl001") == {"BL001"}
