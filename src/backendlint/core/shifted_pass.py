"""Keeping a practice's last project-pass output when the facts it read did not change, or
only moved lines.

Most edits move the lines below them (a comment, a docstring, a blank line, a statement no
practice records), and every fact records its line, so an exact cache of the pass misses on
nearly every real edit and the pass runs again over every module's facts (most of a warm run
after an edit). Here a changed module's facts, before and after, are compared key by key
with their line fields set aside (`module_change`). A practice whose rules read only keys
that stayed equal or only moved, in order, would see the same project with some lines
renamed, so its old output is its new output with those lines renamed (`kept_output`); the
other practices run again. The pass only compares lines, sorts by them and reports them: a
rule that did arithmetic on lines would break this, and the test over every spec case
(tests/test_shifted_pass.py) is what shows none does.

Anything that does not fit runs the practice again: a field that is not a line but changed,
lines that map out of order, a finding at a line no fact of the module records, or a
message that names a moved line of the module (`db.py:42`, `line 42`).
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional

from backendlint.core.facts import ModuleFacts, StoredFacts, facts_or_none
from backendlint.core.project_pass import PracticeOutput

if TYPE_CHECKING:
    from backendlint.core.findings import Finding

# Old line → new line, for the lines a module's facts record.
LineMap = dict[int, int]

# More changed modules than this and the pass runs (a checkout of another branch, not an edit).
MAX_CHANGED = 8
_SCALARS = (str, int, float, bool, type(None))
# How a message names a line: `db.py:42`, `line 42`, `lines 3-5`, `lines 3 and 7`. Other
# numbers in a message (`time.sleep(1)`, a limit of `5/minute`) are not lines.
_LINE_REFERENCE = re.compile(r"(?::|\blines?\s+)(\d+(?:\s*(?:-|–|,|and)\s*\d+)*)")
_NUMBER = re.compile(r"\d+")


def is_line_field(name: str) -> bool:
    """A facts field that holds a 1-based line number (0 or less: none): `line`, `end_line`,
    `atomic_line`. A new int field named so must be a line (tests/test_shifted_pass.py lists
    every one)."""
    return name == "line" or name.endswith("_line")


def is_lines_field(name: str) -> bool:
    """A facts field that holds a tuple of line numbers (a span's suppression lines)."""
    return name == "noqa"


_ROLES: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields(kind: type) -> tuple[tuple[str, str], ...]:
    """(field name, "line" | "lines" | "other") of a dataclass, in field order."""
    roles = _ROLES.get(kind)
    if roles is None:
        roles = _ROLES[kind] = tuple(
            (item.name, "line" if is_line_field(item.name) else
             "lines" if is_lines_field(item.name) else "other")
            for item in dataclasses.fields(kind))
    return roles


def facts_classes() -> dict[str, type[ModuleFacts]]:
    """Facts class by the key its module facts are stored under; a key two classes share is
    left out (its facts are then compared as they are)."""
    found: dict[str, Optional[type[ModuleFacts]]] = {}
    pending = list(ModuleFacts.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        key = getattr(cls, "practice", None)
        if isinstance(key, str):
            found[key] = cls if found.get(key, cls) is cls else None
    return {key: cls for key, cls in found.items() if cls is not None}


class _Mismatch(Exception):
    """The two facts differ in more than their lines."""


def _pair_line(old: object, new: object, lines: LineMap) -> None:
    if type(old) is not int or type(new) is not int:
        _same(old, new, lines)
        return
    if old <= 0 or new <= 0:
        if old != new:
            raise _Mismatch
        return
    if lines.setdefault(old, new) != new:
        raise _Mismatch


def _same(old: object, new: object, lines: LineMap) -> None:
    """Raise _Mismatch unless `new` is `old` with its line fields renamed (recorded in
    `lines`)."""
    kind = type(old)
    if kind is not type(new):
        raise _Mismatch
    if kind in _SCALARS or isinstance(old, enum.Enum):
        if old != new:
            raise _Mismatch
    elif kind in (list, tuple):
        assert isinstance(old, (list, tuple)) and isinstance(new, (list, tuple))
        if len(old) != len(new):
            raise _Mismatch
        for old_item, new_item in zip(old, new):
            _same(old_item, new_item, lines)
    elif kind is dict:
        assert isinstance(old, dict) and isinstance(new, dict)
        # In order: a rule may cite the first of several entries (facts keep source order).
        if list(old) != list(new):
            raise _Mismatch
        for key, value in old.items():
            _same(value, new[key], lines)
    elif dataclasses.is_dataclass(old):
        for name, role in _fields(kind):
            old_value, new_value = getattr(old, name), getattr(new, name)
            if role == "line":
                _pair_line(old_value, new_value, lines)
            elif role == "lines" and type(old_value) is tuple and type(new_value) is tuple:
                if len(old_value) != len(new_value):
                    raise _Mismatch
                for old_line, new_line in zip(old_value, new_value):
                    _pair_line(old_line, new_line, lines)
            else:
                _same(old_value, new_value, lines)
    elif old != new:
        raise _Mismatch


@dataclasses.dataclass(frozen=True)
class ModuleChange:
    """How one module's facts changed since the last pass: the keys whose facts changed in
    more than their lines, and how the lines of the others moved (old → new)."""

    path: str
    changed: frozenset[str]
    lines: LineMap


def module_change(path: str, old: Mapping[str, Any], new: Mapping[str, Any],
                  classes: Mapping[str, type[ModuleFacts]]) -> ModuleChange:
    changed = set(old) ^ set(new)
    lines: LineMap = {}
    for key in sorted(set(old) & set(new)):
        pairs: LineMap = {}
        try:
            _same_facts(key, old[key], new[key], classes, pairs)
        except _Mismatch:
            changed.add(key)
            continue
        for line, moved_to in pairs.items():
            if lines.setdefault(line, moved_to) != moved_to:
                return ModuleChange(path, frozenset(old) | frozenset(new), {})
    ordered = [lines[line] for line in sorted(lines)]
    if any(later <= earlier for earlier, later in zip(ordered, ordered[1:])):
        return ModuleChange(path, frozenset(old) | frozenset(new), {})
    return ModuleChange(path, frozenset(changed), lines)


def _same_facts(key: str, old: Any, new: Any, classes: Mapping[str, type[ModuleFacts]],
                lines: LineMap) -> None:
    cls = classes.get(key)
    if cls is None:
        _same(old, new, lines)
        return
    old_facts, new_facts = facts_or_none(cls, old), facts_or_none(cls, new)
    if old_facts is None or new_facts is None:
        raise _Mismatch
    _same(old_facts, new_facts, lines)


class _Unmappable(Exception):
    """A line of the output that the module's facts do not record, or a message that names
    a moved line."""


@dataclasses.dataclass(frozen=True)
class _Moved:
    path: str
    lines: LineMap

    @property
    def names(self) -> tuple[str, ...]:
        """What a message that refers to this module's lines mentions: its path or name."""
        return self.path, self.path.rsplit("/", 1)[-1]

    def line(self, line: int) -> int:
        if line not in self.lines:
            raise _Unmappable
        return self.lines[line]

    def check_text(self, text: str) -> None:
        """A text that mentions the module must not name a line of it that moved."""
        if not any(name in text for name in self.names):
            return
        self.check_numbers(text)

    def check_numbers(self, text: str) -> None:
        """A text must not name a line of the module that moved."""
        for reference in _LINE_REFERENCE.finditer(text):
            for match in _NUMBER.finditer(reference.group(1)):
                number = int(match.group())
                if self.lines.get(number, number) != number:
                    raise _Unmappable


def _texts(finding: Finding) -> list[str]:
    texts = [finding.message, *(item.message for item in finding.related)]
    if finding.fix is not None:
        texts.append(finding.fix.description)
        texts.extend(edit.content for edit in finding.fix.edits)
    return texts


def _moved_finding(finding: Finding, moved: _Moved) -> Finding:
    for text in _texts(finding):
        if finding.path == moved.path:
            moved.check_numbers(text)
        else:
            moved.check_text(text)
    related = tuple(dataclasses.replace(item, line=moved.line(item.line))
                    if item.path == moved.path else item for item in finding.related)
    if finding.path != moved.path:
        return dataclasses.replace(finding, related=related)
    fix = finding.fix
    if fix is not None:
        fix = dataclasses.replace(fix, edits=tuple(
            dataclasses.replace(edit, line=moved.line(edit.line),
                                end_line=moved.line(edit.end_line)) for edit in fix.edits))
    return dataclasses.replace(
        finding, line=moved.line(finding.line), end_line=moved.line(finding.end_line),
        noqa_lines=tuple(moved.line(line) for line in finding.noqa_lines), fix=fix,
        related=related)


def kept_output(output: PracticeOutput, changes: list[ModuleChange]
                ) -> Optional[PracticeOutput]:
    """A practice's last output as this run's, its moved lines renamed, when none of the
    facts its rules read changed in more than their lines; else None (run it again)."""
    if output.errors or "*" in output.reads:
        return None
    if any(output.reads & change.changed for change in changes):
        return None
    findings, superseded = output.findings, output.superseded
    try:
        for change in changes:
            moved = _Moved(change.path, change.lines)
            findings = [_moved_finding(finding, moved) for finding in findings]
            superseded = {(place, moved.line(line) if place == change.path else line, column,
                           code) for place, line, column, code in superseded}
            for note in output.notes:
                moved.check_text(note)
    except _Unmappable:
        return None
    return PracticeOutput(findings, superseded, list(output.notes), [], output.reads)


def module_changes(changed: Mapping[str, tuple[str, Mapping[str, Any]]]
                   ) -> Optional[list[ModuleChange]]:
    """How each changed module's facts changed (path → (its old facts' text, its new
    facts)), or None when too many modules changed to compare."""
    if len(changed) > MAX_CHANGED:
        return None
    classes = facts_classes()
    return [module_change(path, StoredFacts(old_text), new_facts, classes)
            for path, (old_text, new_facts) in changed.items()]
