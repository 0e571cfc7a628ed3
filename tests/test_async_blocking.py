"""The async-blocking practice beyond its example files: options from configuration, a large
sync codebase that must stay clean, fixes that re-lint clean, and the BL107 facts."""

from __future__ import annotations

import sysconfig
import textwrap
from pathlib import Path

import click
import pytest

from backendlint.config import load_config, resolve_settings
from backendlint.core.facts import facts_or_none
from backendlint.core.pipeline import lint_source
from backendlint.core.runner import finish_run, lint_paths
from backendlint.fixes import fix_until_stable
from backendlint.practices.async_blocking.facts import AsyncBlockingFacts
from backendlint.practices.async_blocking.options import AsyncBlockingOptions
from backendlint.settings import Settings

BL1 = frozenset({"BL101", "BL102", "BL103", "BL104", "BL105", "BL106", "BL107", "BL108"})
# Purely sync code full of blocking calls (open, sockets, subprocess, time.sleep).
# (distutils is gone from 3.12, so idlelib keeps the corpus large on every Python.)
SYNC_PACKAGES = ("email", "logging", "json", "http", "xml", "urllib", "multiprocessing",
                 "distutils", "idlelib", "wsgiref", "xmlrpc")


def _settings(**options: list[str]) -> Settings:
    return Settings(enabled=BL1,
                    practice_options={"async-blocking": AsyncBlockingOptions(**options)})


def _codes(source: str, settings: Settings, module: str = "service") -> list[tuple[int, str]]:
    result = lint_source(f"{module}.py", textwrap.dedent(source), settings, module)
    run = finish_run([result], settings)
    assert not run.errors, run.errors
    return [(finding.line, finding.code) for finding in run.findings]


def _sync_corpus() -> list[Path]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [path for package in SYNC_PACKAGES for path in (stdlib / package).rglob("*.py")
             if not {"tests", "test", "idle_test"} & set(path.parts)]
    files.extend(Path(click.__file__).parent.rglob("*.py"))
    # Some Python versions carry a stray `async def` (in a docstring or a helper): leave
    # those files out, so the corpus is sync on every version.
    return sorted(path for path in files
                  if "async def" not in path.read_text(encoding="utf-8", errors="replace"))


def test_large_sync_codebase_has_no_findings() -> None:
    files = _sync_corpus()
    assert len(files) > 150
    sources = [path.read_text(encoding="utf-8", errors="replace") for path in files]
    assert not any("async def" in source for source in sources), "the corpus must be sync"
    settings = Settings(enabled=BL1)
    run = lint_paths([(path, path.as_posix()) for path in files], settings)
    assert not run.errors, run.errors[:3]
    assert run.findings == [], [f"{f.path}:{f.line} {f.code}" for f in run.findings[:10]]
    # The corpus does block: the facts know it, so the silence comes from the async check.
    facts = [facts_or_none(AsyncBlockingFacts, result.facts[AsyncBlockingFacts.practice])
             for result in run.results]
    blocking = [key for module in facts for key, info in module.functions.items()
                if info.blocking]
    assert len(blocking) > 50


def test_sync_corpus_helpers_are_reported_when_called_from_async(tmp_path: Path) -> None:
    # The same facts make BL107 fire once an async caller appears.
    helpers = tmp_path / "helpers.py"
    helpers.write_text("import logging.handlers\n\n"
                       "def rotate(path):\n"
                       "    with open(path) as handle:\n"
                       "        return handle.read()\n")
    caller = tmp_path / "views.py"
    caller.write_text("from helpers import rotate\n\n"
                      "async def view():\n"
                      "    return rotate('x')\n")
    settings = Settings(enabled=BL1)
    run = lint_paths([(helpers, "helpers.py"), (caller, "views.py")], settings)
    assert [(f.path, f.line, f.code) for f in run.findings] == [("views.py", 4, "BL107")]
    assert "it reaches `open()` at helpers.py:4;" in run.findings[0].message
    assert [(r.path, r.line, r.message) for r in run.findings[0].related] == [
        ("helpers.py", 3, "`rotate()` calls `open()`"), ("helpers.py", 4, "`open()` blocks")]


CLIENT_CODE = """
    import requests
    import mylib.db
    import mylib.http

    async def handler(url):
        requests.get(url)
        mylib.db.fetch_rows()
        mylib.http.call(url)
"""


def test_ignore_and_extra_blocking_calls() -> None:
    assert _codes(CLIENT_CODE, _settings()) == [(7, "BL102")]
    configured = _settings(ignore=["requests.get"],
                           extra_blocking_calls=["mylib.db.*", "mylib.http.*:BL102"])
    assert _codes(CLIENT_CODE, configured) == [(8, "BL105"), (9, "BL102")]


def test_ignore_matches_canonical_method_names() -> None:
    source = """
        import requests

        async def handler(url):
            session = requests.Session()
            return session.get(url)
    """
    assert _codes(source, _settings()) == [(6, "BL102")]
    assert _codes(source, _settings(ignore=["requests.Session.get"])) == []


HELPER_CODE = """
    import time
    from app.threads import offload

    def wait():
        time.sleep(1)

    @offload
    def wait_in_thread():
        time.sleep(1)

    async def handler():
        wait()
        wait_in_thread()
"""


def test_ignore_stops_propagation_and_thread_wrappers_are_configurable() -> None:
    assert _codes(HELPER_CODE, _settings()) == [(13, "BL107"), (14, "BL107")]
    assert _codes(HELPER_CODE, _settings(ignore=["service.wait"],
                                         extra_thread_wrappers=["app.threads.offload"])) == []


def test_options_reach_the_rules_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""
        [tool.backendlint]
        select = ["BL1"]

        [tool.backendlint.async-blocking]
        ignore = ["requests.get"]
        extra-blocking-calls = ["mylib.db.*"]
    """))
    settings = resolve_settings(load_config(tmp_path / "pyproject.toml"))
    options = settings.options_for("async-blocking")
    assert isinstance(options, AsyncBlockingOptions)
    assert options.extra_blocking_calls == ["mylib.db.*"]
    assert _codes(CLIENT_CODE, settings) == [(8, "BL105")]


def test_nothing_outside_async_functions() -> None:
    source = """
        import time
        import requests
        from shop.models import Order

        def sync_view():
            time.sleep(1)
            requests.get("x")
            return Order.objects.get(pk=1)

        async def outer():
            def inner():
                time.sleep(1)
            callback = lambda: requests.get("x")

            class Local:
                timeout = time.sleep(0)
            return callback, Local
    """
    assert _codes(source, _settings()) == []


@pytest.mark.parametrize("source,expected", [
    ("import time\n\nasync def f():\n    time.sleep(1)\n",
     "import time\nimport asyncio\n\nasync def f():\n    await asyncio.sleep(1)\n"),
    ("from shop.models import Order\n\nasync def f():\n    return Order.objects.get(pk=1).name\n",
     ("from shop.models import Order\n\n"
      "async def f():\n    return (await Order.objects.aget(pk=1)).name\n")),
    ("from shop.models import Order\n\nasync def f():\n    await Order.objects.get(pk=1)\n",
     "from shop.models import Order\n\nasync def f():\n    await Order.objects.aget(pk=1)\n"),
])
def test_fixes_relint_clean(source: str, expected: str) -> None:
    settings = Settings(enabled=frozenset({"BL101", "BL106"}))

    def lint(text: str) -> list:  # type: ignore[type-arg]
        return finish_run([lint_source("f.py", text, settings, "f")], settings).findings

    outcome = fix_until_stable(source, lint, unsafe=True)
    assert outcome.text == expected
    assert lint(outcome.text) == []


def test_sleep_fix_is_withheld_when_asyncio_is_shadowed() -> None:
    source = "import time\n\nasync def f(asyncio):\n    time.sleep(1)\n"
    settings = Settings(enabled=frozenset({"BL101"}))
    findings = finish_run([lint_source("f.py", source, settings, "f")], settings).findings
    assert [f.code for f in findings] == ["BL101"]
    assert findings[0].fix is None


def test_helper_reached_from_many_async_sites_is_reported_once_with_related(
        tmp_path: Path) -> None:
    helpers = tmp_path / "helpers.py"
    helpers.write_text("def read(path):\n"
                       "    with open(path) as handle:\n"
                       "        return handle.read()\n")
    caller = tmp_path / "views.py"
    caller.write_text("from helpers import read\n\n"
                      "async def one():\n"
                      "    return read('a')\n\n"
                      "async def two():\n"
                      "    return read('b')\n\n"
                      "async def three():\n"
                      "    return await read('c')\n")
    run = lint_paths([(helpers, "helpers.py"), (caller, "views.py")], Settings(enabled=BL1))
    assert [(f.path, f.line, f.code) for f in run.findings] == [("views.py", 4, "BL107")]
    finding = run.findings[0]
    assert "called from 2 places in async code" in finding.message
    # The chain's steps are related locations too; the other call site is among them.
    assert ("views.py", 7) in [(r.path, r.line) for r in finding.related]
    assert ("views.py", 10) not in [(r.path, r.line) for r in finding.related]


def test_memoised_and_run_once_helpers_have_low_confidence_and_say_so() -> None:
    folder = Path(__file__).parent.parent / "spec/BL107_blocking-helper-call-in-async/branches_and_memos"
    files = sorted(folder.glob("*.py"))
    run = lint_paths([(path, path.name) for path in files], Settings(enabled=BL1))
    by_line = {(f.path, f.line): f for f in run.findings if f.code == "BL107"}
    for line in (28, 32, 42):  # lru_cache, a hasattr guard, a call behind `is None`
        assert by_line[("views.py", line)].confidence.value == "low"
    assert "memoised or behind a run-once guard" in by_line[("views.py", 28)].message
    for line in (20, 24):  # the blocking branch, chosen by the constant arguments
        assert by_line[("views.py", line)].confidence.value == "high"


def test_import_module_in_async_code_is_low_confidence() -> None:
    source = "import importlib\n\nasync def load(name):\n    return importlib.import_module(name)\n"
    result = lint_source("plugins.py", source, Settings(enabled=BL1))
    assert [(f.code, f.confidence.value) for f in result.findings] == [("BL104", "low")]
    assert "the result is cached" in result.findings[0].message
