"""type-hints (BL2xx): fix safety, fix placement, options, and the fixed examples type-checking."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from example_cases import RULES_DIR, collect_cases, settings_for_case

from backendlint.core.findings import Applicability, Finding
from backendlint.core.pipeline import lint_source
from backendlint.core.registry import all_rules
from backendlint.core.runner import finish_run
from backendlint.fixes import fix_until_stable
from backendlint.practices.type_hints.options import TypeHintsOptions
from backendlint.settings import Settings

ALL_CODES = ("BL201", "BL202", "BL203", "BL204", "BL205")


def lint(source: str, *codes: str, options: TypeHintsOptions | None = None,
         target: tuple[int, int] = (3, 9), path: str = "service.py") -> list[Finding]:
    settings = Settings(enabled=frozenset(codes or ALL_CODES), target_version=target)
    if options is not None:
        settings.practice_options["type-hints"] = options
    result = lint_source(path, textwrap.dedent(source), settings, "service")
    run = finish_run([result], settings)
    assert not run.errors, run.errors
    return run.findings


def fixed(source: str, *codes: str, unsafe: bool = True, target: tuple[int, int] = (3, 9)
          ) -> str:
    text = textwrap.dedent(source)
    return fix_until_stable(text, lambda current: lint(current, *codes, target=target),
                            unsafe=unsafe).text


def only(findings: list[Finding], code: str) -> Finding:
    matching = [finding for finding in findings if finding.code == code]
    assert len(matching) == 1, matching
    return matching[0]


def applicability(source: str, code: str) -> Applicability | None:
    finding = only(lint(source, code), code)
    return finding.fix.applicability if finding.fix else None


# ---------------------------------------------------------------------------- fix safety


@pytest.mark.parametrize("source,expected", [
    ("def audit(event: str):\n    print(event)\n", Applicability.SAFE),
    ("def label(code: int):\n    return f'code {code}'\n", Applicability.SAFE),
    ("def is_admin(role: str):\n    return role in ('admin', 'owner')\n", Applicability.SAFE),
    # `==` may be overloaded (SQLAlchemy columns): bool is not certain.
    ("def same(a: int, b: int):\n    return a == b\n", Applicability.UNSAFE),
    ("def reject(reason: str):\n    raise PermissionError(reason)\n", Applicability.UNSAFE),
    # An unknown decorator may read the annotation at runtime.
    ("import click\n@click.command()\ndef run(name: str):\n    print(name)\n",
     Applicability.UNSAFE),
])
def test_return_fix_safety(source: str, expected: Applicability) -> None:
    assert applicability(source, "BL202") is expected


def test_method_of_class_with_external_base_gets_unsafe_fix() -> None:
    source = """\
    from rest_framework.views import APIView

    class Health(APIView):
        def log(self, message: str):
            print(message)
    """
    assert applicability(source, "BL202") is Applicability.UNSAFE


def test_override_of_annotated_base_method_in_module_gets_no_fix() -> None:
    source = """\
    class Base:
        def handle(self, event: str) -> "str | None":
            return event

    class Middle(Base):
        pass

    class Audit(Middle):
        def handle(self, event: str):
            print(event)

        def flush(self):
            print("flush")
    """
    findings = {f.message.split("`")[1]: f for f in lint(source, "BL202")}
    assert findings["handle"].fix is None
    assert findings["flush"].fix is not None


def test_override_of_a_standard_library_method_gets_no_fix() -> None:
    source = """\
    import http.server

    class Store(dict):
        def get(self, key: str, default: "str | None" = None):
            return super().get(key, default)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object):
            return None

        def audit(self, line: str):
            return None
    """
    findings = {f.message.split("`")[1]: f for f in lint(source, "BL202")}
    assert findings["get"].fix is None
    assert findings["log_message"].fix is None
    assert findings["audit"].fix is not None


def test_modules_that_act_on_import_are_never_imported() -> None:
    # `this` prints the Zen of Python when imported, which would corrupt a JSON report; a
    # `__main__` runs a program. Their classes are unknown, like a third party's.
    probe = textwrap.dedent("""\
        import sys
        from backendlint.semantic.analyze.classes import stdlib_class_defines
        names = ["this.Zen", "antigravity.Sky", "unittest.__main__.Main", "idlelib.idle.Shell",
                 "unittest.test.support.Case"]
        print([stdlib_class_defines(name, "log") for name in names])
        print(sorted({"this", "antigravity", "unittest.__main__", "idlelib.idle"}
                     & set(sys.modules)))
        print(stdlib_class_defines("logging.Handler", "emit"))
        """)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={"BROWSER": "echo", "PATH": ""}, timeout=60, check=True)
    assert result.stdout.splitlines() == ["[False, False, False, False, False]", "[]", "True"]


def test_introspected_standard_library_packages_do_nothing_on_import() -> None:
    """Every vetted package and its submodules, imported in a fresh interpreter: no output,
    no new thread, no exit."""
    probe = textwrap.dedent("""\
        import importlib, pkgutil, sys, threading
        from backendlint.knowledge.python_types import INTROSPECTED_STDLIB_ROOTS
        seen = 0
        for root in sorted(INTROSPECTED_STDLIB_ROOTS):
            names = [root]
            package = importlib.import_module(root)
            for info in pkgutil.walk_packages(getattr(package, "__path__", []), root + "."):
                inner = info.name.split(".")[1:]
                if not any(part == "__main__" or part.startswith("test") for part in inner):
                    names.append(info.name)
            for name in names:
                try:
                    importlib.import_module(name)
                except ImportError:
                    continue  # another platform's module (asyncio.windows_events)
                seen += 1
        sys.stderr.write(f"{seen} {threading.active_count()}")
        """)
    result = subprocess.run([sys.executable, "-W", "ignore", "-c", probe],
                            capture_output=True, text=True, env={"BROWSER": "echo"},
                            timeout=120, check=True)
    imported, threads = result.stderr.split()
    assert result.stdout == ""
    assert int(imported) > 200
    assert threads == "1"


@pytest.mark.parametrize("body", [
    "    ...\n",
    "    '''Load the report.'''\n",
    "    raise NotImplementedError\n",
    "    yield 1\n",
    "    value = compute()\n    return value\n",
])
def test_no_return_fix_where_the_type_is_not_evident(body: str) -> None:
    finding = only(lint(f"def load(report_id: int):\n{body}", "BL202"), "BL202")
    assert finding.fix is None


def test_abstract_method_gets_no_fix() -> None:
    source = """\
    import abc

    class Store(abc.ABC):
        @abc.abstractmethod
        def save(self, key: str):
            print(key)
    """
    assert only(lint(source, "BL202"), "BL202").fix is None


def test_shadowed_builtin_constructor_is_not_trusted() -> None:
    source = """\
    from .models import int

    def count(items: list[str]):
        return int(items)
    """
    assert only(lint(source, "BL202"), "BL202").fix is None


def test_returns_in_nested_function_do_not_count_for_outer() -> None:
    source = """\
    def outer(flag: bool):
        def inner():
            return 1
        print(inner())
    """
    assert "def outer(flag: bool) -> None:" in fixed(source, "BL202")


@pytest.mark.parametrize("default,annotation,safe", [
    ('"x"', "str", True), ("False", "bool", True), ("0.5", "float", True),
    ('b"x"', "bytes", True), ("3", "int", False), ("-1", "int", False),
])
def test_literal_default_fix(default: str, annotation: str, safe: bool) -> None:
    source = f"def connect(host: str, option={default}) -> None:\n    print(host, option)\n"
    finding = only(lint(source, "BL201"), "BL201")
    assert finding.fix is not None
    assert finding.fix.applicability is (Applicability.SAFE if safe else Applicability.UNSAFE)
    assert f"option: {annotation} = {default}" in fixed(source, "BL201")


@pytest.mark.parametrize("default", ["None", "[]", "{}", "object()", "DEFAULT"])
def test_non_literal_default_gets_no_fix(default: str) -> None:
    source = f"def connect(host: str, option={default}) -> None:\n    print(host, option)\n"
    assert only(lint(source, "BL201"), "BL201").fix is None


def test_fastapi_parameter_fix_is_always_unsafe() -> None:
    source = """\
    from fastapi import FastAPI
    app = FastAPI()

    @app.get("/search")
    async def search(term="") -> dict:
        return {"term": term}
    """
    finding = only(lint(source, "BL205"), "BL205")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fixed(source, "BL205", unsafe=False) == textwrap.dedent(source)


# ---------------------------------------------------------------------------- placement


def test_return_annotation_goes_after_the_parameter_list_close() -> None:
    source = """\
    def connect(
        host: str = "db:5432",  # a comment with ) and :
        options: dict = (dict()),
        /,
    ):  # trailing
        print(host, options)
    """
    result = fixed(source, "BL202")
    assert '    options: dict = (dict()),\n    /,\n) -> None:  # trailing\n' in result


def test_return_annotation_without_parameters_and_with_line_continuation() -> None:
    result = fixed("def ping \\\n    ():\n    return True\n", "BL202")
    assert result == "def ping \\\n    () -> bool:\n    return True\n"


def test_union_spelling_follows_the_target_version() -> None:
    source = """\
    def size(raw: str):
        if raw == "all":
            return None
        return int(raw)
    """
    old = fixed(source, "BL202", target=(3, 9))
    assert "def size(raw: str) -> Optional[int]:" in old
    assert "from typing import Optional" in old
    new = fixed(source, "BL202", target=(3, 10))
    assert "def size(raw: str) -> int | None:" in new and "import" not in new


def test_several_types_make_a_union() -> None:
    source = """\
    def limit(raw: str):
        if raw == "all":
            return "all"
        if raw:
            return 10
        return None
    """
    assert "-> Union[str, int, None]:" in fixed(source, "BL202")


# ---------------------------------------------------------------------------- reporting


def test_noqa_on_def_line_silences_parameter_on_a_later_line() -> None:
    source = """\
    def connect(  # noqa: BL201
        host,
    ) -> None:
        print(host)
    """
    assert lint(source, "BL201") == []


def test_function_findings_point_at_the_name() -> None:
    finding = only(lint("async def   refresh(token: str):\n    print(token)\n", "BL202"),
                   "BL202")
    assert (finding.line, finding.column, finding.end_column) == (1, 13, 20)


def test_fastapi_parameter_is_reported_once_by_bl205_not_bl201() -> None:
    source = """\
    from fastapi import APIRouter, Depends
    router = APIRouter()

    def get_db(dsn):
        return dsn

    @router.get("/items")
    def items(q, db=Depends(get_db)) -> list:
        return [q, db]

    def helper(value) -> None:
        print(value)
    """
    findings = lint(source, "BL201", "BL205")
    by_name = {(f.code, f.message.split("`")[1]) for f in findings}
    assert by_name == {("BL205", "dsn"), ("BL205", "q"), ("BL205", "db"), ("BL201", "value")}


def test_receiver_must_resolve_to_fastapi() -> None:
    source = """\
    from myframework import Router
    router = Router()

    @router.get("/items")
    def items(q) -> list:
        return [q]
    """
    assert [f.code for f in lint(source, "BL201", "BL205")] == ["BL201"]


def test_bl204_is_off_by_default() -> None:
    rule = next(rule for rule in all_rules() if rule.code == "BL204")
    assert rule.default_enabled is False
    assert all(rule.default_enabled for rule in all_rules()
               if rule.code in ("BL201", "BL202", "BL203", "BL205"))


def test_stub_files_skip_only_bl203() -> None:
    source = "def _helper(x: int): ...\ndef api(x): ...\n"
    codes = sorted(f.code for f in lint(source, path="service.pyi"))
    assert codes == ["BL201", "BL202"]


# ---------------------------------------------------------------------------- options


def test_ignore_fully_untyped() -> None:
    source = "def legacy(a, b):\n    return a\n\ndef partial(a: int, b):\n    return a\n"
    findings = lint(source, "BL201", "BL202", options=TypeHintsOptions(ignore_fully_untyped=True))
    assert {f.message.split("`")[-2] for f in findings} == {"partial"}


def test_mypy_init_return_option() -> None:
    source = "class A:\n    def __init__(self, x: int):\n        self.x = x\n"
    assert lint(source, "BL202") == []
    off = lint(source, "BL202", options=TypeHintsOptions(mypy_init_return=False))
    assert [f.code for f in off] == ["BL202"]
    assert off[0].fix is not None and off[0].fix.applicability is Applicability.SAFE


def test_ignore_private_and_dummy_args() -> None:
    source = "def _helper(a):\n    return a\n\ndef handler(sender, _unused) -> None:\n    pass\n"
    default = lint(source, "BL201", "BL203")
    assert len(default) == 4
    relaxed = lint(source, "BL201", "BL203",
                   options=TypeHintsOptions(ignore_private=True, suppress_dummy_args=True))
    expected = "Parameter `sender` of `handler` has no type annotation"
    assert [f.message for f in relaxed] == [expected]


def test_allow_any_accepts_star_arguments_only() -> None:
    source = "from typing import Any\ndef f(a: Any, *args: Any, **kw: Any) -> None:\n    pass\n"
    assert len(lint(source, "BL204")) == 3
    assert len(lint(source, "BL204", options=TypeHintsOptions(allow_any=True))) == 1


# ---------------------------------------------------------------------------- fixed examples


def _fixed_examples() -> list[tuple[Path, Path]]:
    return sorted((path, path.with_name(path.name + ".fixed"))
                  for case in collect_cases() if case.code.startswith("BL20")
                  for path in case.files if path.with_name(path.name + ".fixed").is_file())


def test_there_are_fixed_examples_for_every_fixable_rule() -> None:
    folders = {original.relative_to(RULES_DIR).parts[0][:5] for original, _ in _fixed_examples()}
    assert {"BL201", "BL202", "BL203", "BL205"} <= folders


@pytest.mark.parametrize("original,result", _fixed_examples(),
                         ids=[str(p.relative_to(RULES_DIR)) for p, _ in _fixed_examples()])
def test_fixed_example_relints_clean_of_what_was_fixed(original: Path, result: Path) -> None:
    case = next(c for c in collect_cases() if original in c.files)
    settings = settings_for_case(case)
    display = original.relative_to(case.root).as_posix()

    def findings(text: str) -> list[Finding]:
        run = finish_run([lint_source(display, text, settings, "example")], settings)
        return run.findings

    before = findings(original.read_text(encoding="utf-8"))
    after = findings(result.read_text(encoding="utf-8"))
    assert [f for f in after if f.fix is not None] == []
    fixed_count = sum(1 for f in before if f.fix is not None)
    assert fixed_count > 0 and len(after) == len(before) - fixed_count


def test_fixed_examples_type_check_with_mypy(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    names = []
    for original, result in _fixed_examples():
        relative = original.relative_to(RULES_DIR).with_suffix("")
        name = "_".join(relative.parts).replace("-", "_") + ".py"
        (tmp_path / name).write_text(result.read_text(encoding="utf-8"), encoding="utf-8")
        names.append(name)
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    completed = subprocess.run(
        # 3.10: the newest target-version the examples use (`X | None`); mypy checks that
        # syntax whatever Python runs it.
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--ignore-missing-imports",
         "--python-version", "3.10",
         "--no-incremental", "--cache-dir", str(tmp_path / ".cache"), *names],
        cwd=tmp_path, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_cross_module_dependency_is_bl205_not_bl201() -> None:
    case = next(c for c in collect_cases()
                if c.root.name == "dependency_in_other_module")
    settings = settings_for_case(case)
    settings.enabled = frozenset({"BL201", "BL205"})
    from example_cases import lint_case

    found = {(f.path, f.line, f.code) for f in lint_case(case, settings).findings}
    assert ("app/deps.py", 14, "BL205") in found
    assert ("app/deps.py", 18, "BL205") in found
    assert not {(path, line) for path, line, code in found if code == "BL201"} & {
        ("app/deps.py", 14), ("app/deps.py", 18)}
    assert ("app/deps.py", 24, "BL201") in found


# ---------------------------------------------------------------- fix safety on spec cases
_FIX_MARK = re.compile(r"\(fix: (safe|unsafe|none)\b")


def _fix_marks() -> list[tuple[object, str, int, str]]:
    from example_cases import collect_cases

    marks = []
    for case in collect_cases():
        if not case.code.startswith("BL20"):
            continue
        for path in case.files:
            display = path.relative_to(case.root).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found = _FIX_MARK.search(line)
                if found:
                    marks.append((case, display, number, found.group(1)))
    return marks


def test_spec_cases_mark_fix_safety() -> None:
    """Every `(fix: safe)` / `(fix: unsafe)` / `(fix: none)` marker in the BL20x spec matches
    the fix offered there: a safe fix must never add a mypy error, and a fix that would add
    one for sure (a caller passes None, an override is async, an untyped `__init__` sets
    `self.x = None`) is not offered at all."""
    from example_cases import lint_case

    marks = _fix_marks()
    assert len(marks) >= 20
    results: dict[int, object] = {}
    for case, display, line, expected in marks:
        if id(case) not in results:
            results[id(case)] = lint_case(case).findings
        here = [finding for finding in results[id(case)]  # type: ignore[attr-defined]
                if finding.path == display and finding.line == line
                and finding.code == case.code]
        assert here, f"{case.id}:{display}:{line}: no finding"
        found = [finding for finding in here if finding.fix is not None]
        if expected == "none":
            assert not found, f"{case.id}:{display}:{line}: {found[0].fix.description}"
            continue
        assert found, f"{case.id}:{display}:{line}: no fix offered"
        for finding in found:
            assert finding.fix.applicability.value == expected, (
                f"{case.id}:{display}:{line}: {finding.fix.description}")
