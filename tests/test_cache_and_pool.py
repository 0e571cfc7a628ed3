"""The result cache and the process pool give the same answers as a plain run."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import testing_rules

from backendlint.cache import ResultCache
from backendlint.core.pipeline import FileResult
from backendlint.core.runner import lint_files, lint_paths
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
    settings = Settings(enabled=frozenset({"BL991"}))
    serial = lint_paths(files, settings, jobs=1)
    parallel = lint_paths(files, settings, jobs=2)
    assert serial.findings == parallel.findings
    assert len(serial.findings) == 20


def test_warm_run_reads_the_cache(tmp_path: Path, test_rules: None,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_files(tmp_path, 5)
    cache = tmp_path / "cache"
    settings = Settings(enabled=frozenset({"BL991"}))
    cold = lint_files(files, settings, cache_dir=cache)
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    assert len(list(cache.glob("results-*.jsonl"))) == 1

    calls = count_lint_source_calls(monkeypatch)
    warm = lint_files(files, settings, cache_dir=cache)
    assert [r.to_json() for r in warm] == [r.to_json() for r in cold]
    assert calls == []
    files[1][0].write_text("print('changed')\n")
    lint_files(files, settings, cache_dir=cache)
    assert calls == ["m001.py"]
    # Other settings, other snapshot.
    lint_files(files, Settings(enabled=frozenset({"BL001"})), cache_dir=cache)
    assert len(calls) == 6
    assert len(list(cache.glob("results-*.jsonl"))) == 2


def count_lint_source_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from backendlint.core import runner as engine

    calls: list[str] = []
    original = engine.lint_source

    def counting(path: str, *args: object, **kwargs: object) -> FileResult:
        calls.append(path)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "lint_source", counting)
    return calls


def test_same_size_same_mtime_edit_of_a_recent_file_is_caught(
        tmp_path: Path, test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry cached right after its file was written is checked by content next time:
    an editor or formatter may write again within the same mtime tick, same size."""
    path = tmp_path / "app.py"
    path.write_text("print(1)\n")
    settings = Settings(enabled=frozenset({"BL991"}))
    cache = tmp_path / "cache"
    first = lint_files([(path, "app.py")], settings, cache_dir=cache)
    assert len(first[0].findings) == 1
    info = path.stat()
    path.write_text("value=12\n")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    calls = count_lint_source_calls(monkeypatch)
    second = lint_files([(path, "app.py")], settings, cache_dir=cache)
    assert calls == ["app.py"]
    assert second[0].findings == []


def test_old_files_are_trusted_by_size_and_mtime(
        tmp_path: Path, test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file untouched for a while is not read again on a warm run (as ruff and mypy do);
    its result comes from the snapshot."""
    from backendlint import cache as cache_module

    path = tmp_path / "app.py"
    path.write_text("print(1)\n")
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(hour_ago, hour_ago))
    settings = Settings(enabled=frozenset({"BL991"}))
    cache = tmp_path / "cache"
    lint_files([(path, "app.py")], settings, cache_dir=cache)
    warm = ResultCache(cache, settings.fingerprint())
    warm._entries()
    opened: list[object] = []
    monkeypatch.setattr(cache_module, "open", lambda *args, **kw: opened.append(args),
                        raising=False)
    found = warm.lookup("app.py", "app", path)[0]
    assert found is not None and len(found.findings) == 1
    assert opened == []
    path.write_text("print(2)\n")  # now recent, and its mtime changed: read, then a miss
    os.utime(path, ns=(hour_ago + 10**9, hour_ago + 10**9))
    monkeypatch.undo()
    assert warm.lookup("app.py", "app", path)[0] is None


def test_corrupt_and_foreign_snapshots_are_ignored(tmp_path: Path, test_rules: None) -> None:
    files = make_files(tmp_path, 3)
    settings = Settings(enabled=frozenset({"BL991"}))
    cache_dir = tmp_path / "cache"
    expected = [r.to_json() for r in lint_files(files, settings, cache_dir=cache_dir)]
    (snapshot,) = cache_dir.glob("results-*.jsonl")
    header, *lines = snapshot.read_text().splitlines()

    def warm_after(text: str) -> list[object]:
        snapshot.write_text(text)
        return [r.to_json() for r in lint_files(files, settings, cache_dir=cache_dir)]

    assert warm_after("{not json") == expected
    assert warm_after("\n".join(["00" + header[2:], *lines])) == expected  # foreign salt
    broken = [line[: len(line) // 2] for line in lines]
    assert warm_after("\n".join([header, *broken])) == expected
    # A line claiming another file's content key is a miss, not a hit.
    path, _, rest = lines[0].partition("\t")
    head, body, facts = rest.split("\t")
    fields = json.loads(head)
    fields[0] = "0" * 64
    fields[3] = False
    tampered = f"{path}\t{json.dumps(fields)}\t{body}\t{facts}"
    assert warm_after("\n".join([header, tampered, *lines[1:]])) == expected
    snapshot.write_bytes(b"\xff\xfe")
    assert [r.to_json() for r in lint_files(files, settings, cache_dir=cache_dir)] == expected


def test_entries_of_other_files_are_kept_until_the_file_is_gone(
        tmp_path: Path, test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = [(Path(name), name) for name in ("a.py", "b.py")]
    for path, _ in files:
        path.write_text("print(1)\n")
    settings = Settings(enabled=frozenset({"BL991"}))
    cache = tmp_path / "cache"
    lint_files(files, settings, cache_dir=cache)
    Path("a.py").write_text("print(2)\n")
    lint_files(files[:1], settings, cache_dir=cache)  # a pre-commit run on one file
    calls = count_lint_source_calls(monkeypatch)
    lint_files(files, settings, cache_dir=cache)
    assert calls == []
    Path("b.py").unlink()
    Path("a.py").write_text("print(3)\n")
    lint_files(files[:1], settings, cache_dir=cache)
    (snapshot,) = cache.glob("results-*.jsonl")
    assert [line.split("\t")[0] for line in snapshot.read_text().splitlines()[1:]] == ["a.py"]


def test_project_pass_is_reused_while_no_facts_change(
        tmp_path: Path, test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint.core import project_cache as engine

    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text("def dangerous_helper():\n    return 1\n")
    (root / "b.py").write_text("from a import dangerous_helper\ndangerous_helper()\n")
    files = [(root / "a.py", "a.py"), (root / "b.py", "b.py")]
    settings = Settings(enabled=frozenset({"BL993"}))
    cache = tmp_path / "cache"
    cold = lint_paths(files, settings, cache_dir=cache)
    assert cold.findings

    passes: list[int] = []
    original = engine.run_practices

    def counting(*args: Any) -> Any:
        passes.append(1)
        return original(*args)

    monkeypatch.setattr(engine, "run_practices", counting)
    warm = lint_paths(files, settings, cache_dir=cache)
    assert warm.findings == cold.findings and passes == []
    # A comment changes the file but not its facts: the project pass is still reused.
    (root / "b.py").write_text("from a import dangerous_helper\ndangerous_helper()\n# touched\n")
    assert lint_paths(files, settings, cache_dir=cache).findings == cold.findings
    assert passes == []
    # New facts: the pass runs again.
    (root / "b.py").write_text("from a import dangerous_helper\n\ndangerous_helper()\n")
    lint_paths(files, settings, cache_dir=cache)
    assert passes == [1]


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
    results = lint_files(files, Settings(enabled=frozenset({"BL991"})), cache_dir=blocker)
    assert len(results) == 3


def test_snapshots_of_many_configurations_are_pruned(tmp_path: Path, test_rules: None) -> None:
    files = make_files(tmp_path, 2)
    cache = tmp_path / "cache"
    for index in range(12):
        settings = Settings(enabled=frozenset({"BL991"}), extend_exclude=(f"x{index}",))
        lint_files(files, settings, cache_dir=cache)
        time.sleep(0.01)  # distinct mtimes
    kept = sorted(cache.glob("results-*.jsonl"))
    assert len(kept) == 8
    newest = ResultCache(cache, settings.fingerprint()).snapshot
    assert newest in kept


def test_cached_findings_keep_confidence_and_related_locations() -> None:
    from backendlint.cache import decode_finding_with_path, encode_finding_with_path
    from backendlint.core.findings import Confidence, Finding, Related, Severity

    finding = Finding("BL107", "blocking-helper-call-in-async", "async-blocking",
                      Severity.ERROR, "m", "app/views.py", 3, 5, 3, 9,
                      confidence=Confidence.LOW,
                      related=(Related("app/services.py", 12, 5, "open() blocks"),))
    back = decode_finding_with_path(encode_finding_with_path(finding))
    assert back == finding
    assert back.confidence is Confidence.LOW
    assert back.related == finding.related


HASHING = ('def get_hasher(algorithm="default"):\n    return algorithm\n\n\n'
           'def zeta_caller(value):\n    return get_hasher(value)\n\n\n'
           'def alpha_caller(value):\n    return get_hasher(value)\n')


def test_cached_facts_keep_source_order_for_a_rule_that_cites_the_first_call(
        tmp_path: Path) -> None:
    """BL201's fix cites the first call that passes an unknown value. A warm run decodes
    the unchanged modules' facts from the cache: with their mappings stored sorted, it cited
    `alpha_caller`'s call (line 10), a cold run `zeta_caller`'s (line 6)."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "hashing.py").write_text(HASHING)
    other = tmp_path / "app" / "other.py"
    other.write_text("def other():\n    return 1\n")
    files = [(path, path.relative_to(tmp_path).as_posix())
             for path in sorted((tmp_path / "app").glob("*.py"))]
    settings = Settings(enabled=frozenset({"BL201"}))

    def descriptions(cache_dir: Any) -> list[str]:
        return [finding.fix.description for finding in
                lint_paths(files, settings, cache_dir=cache_dir).findings
                if finding.fix is not None and "get_hasher" in finding.message]

    cold = descriptions(None)
    assert len(cold) == 1 and "app/hashing.py:6 " in cold[0]
    assert descriptions(tmp_path / "cache") == cold
    # Another module's facts change: the pass runs again, hashing.py's facts from the cache.
    other.write_text("def other():\n    return 1\n\n\ndef another():\n    return 2\n")
    assert descriptions(tmp_path / "cache") == cold
