"""Applying fixes: text edits, imports added with libcst, a re-parse, an atomic write."""

from __future__ import annotations

import ast
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from backendlint.core.findings import Applicability, Edit, Finding, Fix

# Fixes can make new fixes possible (or resolve overlaps); stop after this many rounds.
MAX_FIX_ROUNDS = 10


def applicable(finding: Finding, unsafe: bool) -> bool:
    fix = finding.fix
    if fix is None:
        return False
    return fix.applicability is Applicability.SAFE or unsafe


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for index, char in enumerate(text):
        if char == "\n":
            offsets.append(index + 1)
    return offsets


def _offset(offsets: list[int], text_length: int, line: int, column: int) -> int:
    """Character offset of a 1-based line and 1-based column."""
    if line - 1 >= len(offsets):
        return text_length
    return min(offsets[line - 1] + column - 1, text_length)


def add_imports(text: str, imports: set[tuple[str, str | None]]) -> str:
    """Add `import module` / `from module import name` where missing, with libcst, keeping
    every other byte of the module as it was."""
    if not imports:
        return text
    import libcst
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor

    module = libcst.parse_module(text)
    context = CodemodContext()
    for module_name, name in sorted(imports, key=lambda item: (item[0], item[1] or "")):
        AddImportsVisitor.add_needed_import(context, module_name, name)
    return AddImportsVisitor(context).transform_module(module).code


@dataclass
class FixOutcome:
    text: str
    applied: list[Finding] = field(default_factory=list)
    error: str | None = None


def apply_fixes(text: str, findings: list[Finding], unsafe: bool) -> FixOutcome:
    """Apply every applicable fix whose edits do not overlap an earlier one, then add the
    imports they need. The result must parse, or nothing is applied."""
    offsets = _line_offsets(text)
    candidates = sorted((f for f in findings if applicable(f, unsafe)), key=Finding.sort_key)
    chosen: list[tuple[int, int, str]] = []
    applied: list[Finding] = []
    imports: set[tuple[str, str | None]] = set()
    taken: list[tuple[int, int]] = []
    for finding in candidates:
        fix = finding.fix
        assert fix is not None
        spans = [(_offset(offsets, len(text), e.line, e.column),
                  _offset(offsets, len(text), e.end_line, e.end_column), e.content)
                 for e in fix.edits]
        if any(_overlaps(start, end, other) for start, end, _ in spans for other in taken):
            continue
        chosen.extend(spans)
        taken.extend((start, end) for start, end, _ in spans)
        imports.update(fix.imports)
        applied.append(finding)
    if not applied:
        return FixOutcome(text)
    new_text = text
    for start, end, content in sorted(chosen, key=lambda span: (span[0], span[1]),
                                      reverse=True):
        new_text = new_text[:start] + content + new_text[end:]
    try:
        new_text = add_imports(new_text, imports)
        ast.parse(new_text)
    except Exception as error:  # noqa: BLE001
        # libcst or ast refusing the result: keep the original
        return FixOutcome(text, [], f"fix not applied: the fixed code would not parse ({error})")
    return FixOutcome(new_text, applied)


def _overlaps(start: int, end: int, other: tuple[int, int]) -> bool:
    other_start, other_end = other
    if start == end == other_start == other_end:
        return True  # two insertions at one point: order would be arbitrary
    return start < other_end and other_start < end


def fix_until_stable(text: str, lint: Callable[[str], list[Finding]], unsafe: bool
                     ) -> FixOutcome:
    """Lint, fix, re-lint, until no applicable fix remains (bounded)."""
    applied: list[Finding] = []
    for _ in range(MAX_FIX_ROUNDS):
        outcome = apply_fixes(text, lint(text), unsafe)
        if outcome.error:
            return FixOutcome(text, applied, outcome.error)
        if not outcome.applied:
            break
        applied.extend(outcome.applied)
        text = outcome.text
    return FixOutcome(text, applied)


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename it over the original,
    keeping the file's mode; a crash leaves either the old or the new file, never half."""
    mode = stat.S_IMODE(path.stat().st_mode)
    handle, temporary = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def make_fix(description: str, edits: list[Edit], *, safe: bool,
             imports: tuple[tuple[str, str | None], ...] = ()) -> Fix:
    return Fix(description, Applicability.SAFE if safe else Applicability.UNSAFE,
               tuple(edits), imports)
