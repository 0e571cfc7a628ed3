"""The result cache and the process pool give the same answers as a plain run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import testing_rules

from backendlint.cache import ResultCache
from backendlint.engine import FileResult, lint_files, lint_paths
from backendlint.settings import Settings


@pytest.fixture
def test_rules() -> Iterator[None]:
    testing_rules.install()
    yield
    testing_rules.uninstall()


def make_files(root: Path, count: int) -> list[tuple[Path, str]]:
    files = []
    for index in range(count):
        path = root / f"m{index:03}.py"
        path.write_text("print(1)\n" if index % 3 == 0 else f"value = {index}\n")
        files.append((path, path.name))
    return files


def test_pool_output_equals_in_process(tmp_path: Path, test_rules: None) -> None:
    files = make_files(tmp_path, 60)
    settings = Settings(enabled=frozenset({"BL901"}))
    serial = lint_paths(files, settings, jobs=1)
    parallel = lint_paths(files, settings, jobs=2)
    assert serial.findings == parallel.findings
    assert len(serial.findings) == 20


def test_warm_run_reads_the_cache(tmp_path: Path, test_rules: None,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_files(tmp_path, 5)
    cache = tmp_path / "cache"
    settings = Settings(enabled=frozenset({"BL901"}))
    cold = lint_files(files, settings, cache_dir=cache)
    assert (cache / ".gitignore").read_text().strip().endswith("*")

    from backendlint import engine

    calls: list[str] = []
    original = engine.lint_source

    def counting(path: str, *args: object, **kwargs: object) -> FileResult:
        calls.append(path)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "lint_source", counting)
    warm = lint_files(files, settings, cache_dir=cache)
    assert [r.to_json() for r in warm] == [r.to_json() for r in cold]
    assert calls == []
    files[1][0].write_text("print('changed')\n")
    lint_files(files, settings, cache_dir=cache)
    assert calls == ["m001.py"]
    # Other settings, other entries.
    lint_files(files, Settings(enabled=frozenset({"BL001"})), cache_dir=cache)
    assert len(calls) == 6


def test_corrupt_and_foreign_entries_are_ignored(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "settings")
    key = cache.key("a.py", "a", b"x = 1\n")
    result = FileResult("a.py", "a")
    cache.put(key, result)
    entry = tmp_path / key[:2] / f"{key}.json"
    assert cache.get(key) == result
    entry.write_text("{not json")
    assert cache.get(key) is None
    other = cache.key("b.py", "b", b"")
    entry.write_text(json.dumps({"key": other, "result": result.to_json()}))
    assert cache.get(key) is None
    entry.write_text(json.dumps({"key": key, "result": {"path": "a.py"}}))
    assert cache.get(key) is None


def test_cache_key_depends_on_content_path_and_settings(tmp_path: Path) -> None:
    one = ResultCache(tmp_path, "s1")
    two = ResultCache(tmp_path, "s2")
    base = one.key("a.py", "a", b"x")
    assert base != one.key("a.py", "a", b"y")
    assert base != one.key("b.py", "a", b"x")
    assert base != two.key("a.py", "a", b"x")


def test_unwritable_cache_is_not_an_error(tmp_path: Path, test_rules: None) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    files = make_files(tmp_path, 3)
    results = lint_files(files, Settings(enabled=frozenset({"BL901"})), cache_dir=blocker)
    assert len(results) == 3
