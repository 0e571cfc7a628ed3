"""Walking folders: default excludes, virtualenvs, .gitignore, patterns, symlink loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backendlint.discovery import Discovery, DiscoveryError
from backendlint.settings import Settings


def touch(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def names(tmp_path: Path, settings: Settings, *paths: Path) -> list[str]:
    found = Discovery(settings).files(list(paths) or [tmp_path])
    return [p.relative_to(tmp_path).as_posix() for p in found]


def settings_at(root: Path, **changes: object) -> Settings:
    settings = Settings(enabled=frozenset(), project_root=root)
    for key, value in changes.items():
        setattr(settings, key, value)
    return settings


def test_default_excludes_and_virtualenvs(tmp_path: Path) -> None:
    for relative in ("app/main.py", "app/types.pyi", ".git/hooks/x.py", "build/lib/x.py",
                     "dist/x.py", "node_modules/x.py", ".tox/x.py", "app/__pycache__/x.py",
                     "lib/site-packages/x.py", "venv/x.py", "README.md"):
        touch(tmp_path / relative)
    touch(tmp_path / "myenv" / "pyvenv.cfg", "home = /usr\n")
    touch(tmp_path / "myenv" / "lib" / "x.py")
    assert names(tmp_path, settings_at(tmp_path)) == ["app/main.py", "app/types.pyi"]


def test_gitignore_is_respected_unless_disabled(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    touch(tmp_path / ".gitignore", "generated/\n*_pb2.py\n/top_only.py\n!keep_pb2.py\n")
    touch(tmp_path / "app" / ".gitignore", "local.py\n")
    for relative in ("generated/x.py", "api_pb2.py", "keep_pb2.py", "top_only.py",
                     "app/top_only.py", "app/local.py", "app/main.py"):
        touch(tmp_path / relative)
    assert names(tmp_path, settings_at(tmp_path)) == [
        "app/main.py", "app/top_only.py", "keep_pb2.py"]
    assert len(names(tmp_path, settings_at(tmp_path, respect_gitignore=False))) == 7


def test_gitignore_without_negations_matches_files_and_folders_apart(tmp_path: Path) -> None:
    """Without `!` rules each .gitignore's rules are merged into one regex for files and one
    for folders; a folder-only rule must still spare files of the same shape."""
    (tmp_path / ".git").mkdir()
    touch(tmp_path / ".gitignore", "gen*/\n*.gen.py\n/only_root.py\n")
    touch(tmp_path / "app" / ".gitignore", "secret_*.py\n")
    for relative in ("gen_out/x.py", "gen_x.py", "models.gen.py", "only_root.py",
                     "app/only_root.py", "app/secret_key.py", "app/main.py",
                     "secret_top.py"):
        touch(tmp_path / relative)
    assert names(tmp_path, settings_at(tmp_path)) == [
        "app/main.py", "app/only_root.py", "gen_x.py", "secret_top.py"]


def test_exclude_patterns_and_force_exclude(tmp_path: Path) -> None:
    touch(tmp_path / "app" / "main.py")
    migration = touch(tmp_path / "app" / "migrations" / "0001_initial.py")
    settings = settings_at(tmp_path, extend_exclude=("migrations",))
    assert names(tmp_path, settings) == ["app/main.py"]
    # Named explicitly, a file is linted unless --force-exclude is given.
    assert names(tmp_path, settings, migration) == ["app/migrations/0001_initial.py"]
    settings.force_exclude = True
    assert names(tmp_path, settings, migration) == []


def test_exclude_replaces_the_defaults(tmp_path: Path) -> None:
    touch(tmp_path / "build" / "x.py")
    touch(tmp_path / "legacy" / "y.py")
    settings = settings_at(tmp_path, exclude=("legacy",))
    assert names(tmp_path, settings) == ["build/x.py"]


def test_missing_path_and_symlink_loop(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError, match="no such file"):
        Discovery(settings_at(tmp_path)).files([tmp_path / "nope"])
    loop = tmp_path / "loop.py"
    os.symlink(loop, loop)
    with pytest.raises(DiscoveryError, match="symlink loop"):
        Discovery(settings_at(tmp_path)).files([loop])


def test_directory_symlink_cycle_terminates(tmp_path: Path) -> None:
    touch(tmp_path / "pkg" / "a.py")
    os.symlink(tmp_path / "pkg", tmp_path / "pkg" / "again")
    assert names(tmp_path, settings_at(tmp_path)) == ["pkg/a.py"]


def test_anchored_patterns_match_only_at_the_root(tmp_path: Path) -> None:
    touch(tmp_path / "rules" / "a.py")
    touch(tmp_path / "src" / "pkg" / "rules" / "b.py")
    touch(tmp_path / ".hidden" / "c.py")
    settings = settings_at(tmp_path, extend_exclude=("./rules",))
    assert names(tmp_path, settings) == [".hidden/c.py", "src/pkg/rules/b.py"]
    settings = settings_at(tmp_path, extend_exclude=("rules",))
    assert names(tmp_path, settings) == [".hidden/c.py"]
