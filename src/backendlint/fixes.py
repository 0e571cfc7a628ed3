"""Applying fixes: text edits, imports added with libcst, a re-parse, an atomic write."""

from __future__ import annotations

import bisect
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from backendlint.core.findings import Applicability, Edit, Finding, Fix
from backendlint.pyparse import parse_quietly

# Fixes can make new fixes possible (or resolve overlaps); stop after this many rounds.
MAX_FIX_ROUNDS = 10


def applicable(finding: Finding, unsafe: bool) -> bool:
    fix = finding.fix
    if fix is None:
        return False
    return fix.applicability is Applicability.SAFE or unsafe


# The line breaks of Python's tokenizer (and of `split_lines`): edits are positioned in the
# parser's lines, so after a lone \r a newline-only count would land a line too early.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_offsets(text: str) -> list[int]:
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]


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
    code = AddImportsVisitor(context).transform_module(module).code
    # libcst drops the last line break of a file whose lines end in a lone \r.
    ending = _LINE_BREAK.search(text[-2:])
    if ending and ending.end() == len(text[-2:]) and not code.endswith(ending.group()):
        code += ending.group()
    return code


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
    taken = _TakenSpans()
    for finding in candidates:
        fix = finding.fix
        assert fix is not None
        spans = [(_offset(offsets, len(text), e.line, e.column),
                  _offset(offsets, len(text), e.end_line, e.end_column), e.content)
                 for e in fix.edits]
        if any(taken.overlaps(start, end) for start, end, _ in spans):
            continue
        chosen.extend(spans)
        for start, end, _ in spans:
            taken.add(start, end)
        imports.update(fix.imports)
        applied.append(finding)
    if not applied:
        return FixOutcome(text)
    new_text = _spliced(text, chosen)
    try:
        new_text = add_imports(new_text, imports)
    except RecursionError:
        return FixOutcome(text, [], "fix not applied: the code is nested too deeply for "
                          "adding the imports the fix needs (recursion limit)")
    except Exception as error:  # noqa: BLE001
        # libcst refusing the result: keep the original
        return FixOutcome(text, [], f"fix not applied: the fixed code would not parse ({error})")
    try:
        parse_quietly(new_text)
    except (RecursionError, MemoryError):
        return FixOutcome(text, [], "fix not applied: the fixed code is nested too deeply to "
                          "check that it parses")
    except (SyntaxError, ValueError) as error:
        return FixOutcome(text, [], f"fix not applied: the fixed code would not parse ({error})")
    return FixOutcome(new_text, applied)


def _spliced(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with non-overlapping edits applied, built in one pass: slicing the whole text
    once per edit made fixing a big generated file quadratic. Edits at one point go in the
    order the former right-to-left splicing gave them: the later edit first."""
    pieces: list[str] = []
    position = 0
    order = sorted(range(len(edits)), key=lambda index: (edits[index][0], edits[index][1],
                                                         -index))
    for start, end, content in (edits[index] for index in order):
        pieces.append(text[position:start])
        pieces.append(content)
        position = max(position, end)
    pieces.append(text[position:])
    return "".join(pieces)


class _TakenSpans:
    """The spans of the fixes chosen so far, sorted: a new span is compared with its
    neighbours only (comparing it with every span was quadratic in the number of fixes)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        # Spans that start after `end` cannot overlap. Chosen spans do not overlap each other,
        # so going left their ends fall too; stop at the first that ends before `start`.
        index = bisect.bisect_right(self.spans, (end, end)) - 1
        while index >= 0:
            other = self.spans[index]
            if other[1] < start:
                return False
            if _overlaps(start, end, other):
                return True
            index -= 1
        return False


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


def write_atomically(path: Path, content: bytes | str) -> None:
    """Write through a temporary file in the same folder and rename it over the original,
    keeping the file's mode; a crash leaves either the old or the new file, never half.

    A symbolic link is written through to its target (the link stays a link). A file with
    other hard links is overwritten in place, as a rename would detach this name from them."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = Path(os.path.realpath(path))
    info = target.stat()
    if info.st_nlink > 1:
        _overwrite_in_place(target, data)
        return
    handle, temporary = tempfile.mkstemp(dir=str(target.parent), prefix=f".{target.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _overwrite_in_place(target: Path, data: bytes) -> None:
    """Rewrite a hard-linked file's content (not atomic, but keeps every link)."""
    with open(target, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def make_fix(description: str, edits: list[Edit], *, safe: bool,
             imports: tuple[tuple[str, str | None], ...] = ()) -> Fix:
    return Fix(description, Applicability.SAFE if safe else Applicability.UNSAFE,
               tuple(edits), imports)
