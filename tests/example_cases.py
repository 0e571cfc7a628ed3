"""Reading the annotated example files under `spec/` and linting them like the CLI does.

Layout: `spec/<CODE>_<name>/` holds cases. A `.py` file directly in it is one case; a
sub-folder is one multi-module project case (every `.py` in it linted together). A project case
may carry a `backendlint.toml` with practice options. Expected findings are comments:
`# error: BL101` (several: `# error: BL101, BL102`), or `# +1: error: BL101` for the next line.
An expectation may pin the finding's 1-based column and a fragment of its message:
`# error: BL301@18 "ref_doc_id"` (the fragment applies to every code in the comment).
`name.py.fixed` beside a file is its content after `--fix --unsafe-fixes`. A case whose name
starts with `clean` expects nothing at all; every rule needs at least one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from backendlint.config import load_config, resolve_settings
from backendlint.core.pipeline import lint_source, module_name_for
from backendlint.core.runner import RunResult, finish_run, lint_paths
from backendlint.fixes import fix_until_stable
from backendlint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "spec"
_CODE = r"BL\d+(?:@\d+)?"
_EXPECT = re.compile(r"#\s*(?:\+(?P<offset>\d+):\s*)?error:\s*"
                     rf"(?P<codes>{_CODE}(?:\s*,\s*{_CODE})*)"
                     r"(?:\s+\"(?P<message>[^\"]*)\")?")


@dataclass(frozen=True)
class Pin:
    """What an expectation says beyond its place and code: a column, a message fragment."""

    path: str
    line: int
    code: str
    column: Optional[int]
    message: Optional[str]


@dataclass(frozen=True)
class Case:
    code: str
    root: Path  # the folder the display paths are relative to
    files: tuple[Path, ...]

    @property
    def id(self) -> str:
        first = self.files[0]
        if len(self.files) == 1 and first.parent == self.root:
            return f"{self.root.name}/{first.name}"
        return str(self.root.relative_to(RULES_DIR))


def collect_cases() -> list[Case]:
    cases: list[Case] = []
    for folder in sorted(p for p in RULES_DIR.iterdir() if p.is_dir()):
        code = folder.name.split("_", 1)[0]
        for entry in sorted(folder.iterdir()):
            if entry.is_file() and entry.suffix in (".py", ".pyi"):
                cases.append(Case(code, folder, (entry,)))
            elif entry.is_dir() and not entry.name.startswith(("_", ".")):
                files = tuple(sorted(p for p in entry.rglob("*.py*")
                                     if p.suffix in (".py", ".pyi")))
                if files:
                    cases.append(Case(code, entry, files))
    return cases


def expectations(case: Case) -> list[Pin]:
    pins: list[Pin] = []
    for path in case.files:
        display = path.relative_to(case.root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _EXPECT.finditer(line):
                target = number + int(match.group("offset") or 0)
                for item in re.split(r"\s*,\s*", match.group("codes")):
                    code, _, column = item.partition("@")
                    pins.append(Pin(display, target, code, int(column) if column else None,
                                    match.group("message")))
    return pins


def expected_findings(case: Case) -> set[tuple[str, int, str]]:
    return {(pin.path, pin.line, pin.code) for pin in expectations(case)}


def is_clean_case(case: Case) -> bool:
    # A project case's root is its own folder, one level below the rule's folder.
    is_project = case.root.parent != RULES_DIR
    name = case.root.name if is_project else case.files[0].name
    return name.startswith("clean")


def settings_for_case(case: Case, extra_codes: frozenset[str] = frozenset()) -> Settings:
    config_file = case.root / "backendlint.toml"
    config = load_config(config_file) if config_file.is_file() else None
    settings = resolve_settings(config)
    # Only the folder's rule runs, plus what a case's own config selects explicitly.
    chosen = set(settings.enabled) if config is not None and (
        config.select is not None or config.extend_select) else set()
    settings.enabled = frozenset({case.code} | chosen) | extra_codes
    settings.per_file_ignores = ()
    settings.project_root = case.root
    return settings


def lint_case(case: Case, settings: Optional[Settings] = None) -> RunResult:
    settings = settings or settings_for_case(case)
    files = [(path, path.relative_to(case.root).as_posix()) for path in case.files]
    return lint_paths(files, settings)


def fix_text(path: Path, text: str, settings: Settings, display: str) -> str:
    module, is_package = module_name_for(path)

    def lint(current: str) -> list:  # type: ignore[type-arg]
        result = lint_source(display, current, settings, module, is_package)
        return finish_run([result], settings).findings

    return fix_until_stable(text, lint, unsafe=True).text
