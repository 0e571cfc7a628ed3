"""File-level gates: which practices and rules can fire on a source at all, decided from
its text (needles) and the modules it imports, before any analysis runs."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from backendlint.core.practice import FileGate
from backendlint.core.registry import all_rules, practices
from backendlint.core.rule import Rule

# `import a.b as c, d` and `from a.b import c` at any indentation (a docstring that shows an
# import statement only widens a gate). Relative imports name this project's own modules.
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b"
                          r"|import[ \t]+([A-Za-z_][\w., \t]*))", re.MULTILINE)


def imported_modules(text: str) -> set[str]:
    """Every absolute module a source's import statements name (a cheap reading of the text:
    no parse needed)."""
    found: set[str] = set()
    for from_module, plain in _IMPORT_LINE.findall(text):
        if from_module:
            found.add(from_module)
            continue
        for item in plain.split(","):
            words = item.split()
            if words:
                found.add(words[0])
    return found


@lru_cache(maxsize=8)
def _gates(rules: tuple[type[Rule], ...], rules_text: bool = True
           ) -> tuple[tuple[str, FileGate], ...]:
    """Each gated practice's gate, with `rules_text` spelled out as the union of its rules'
    needles (a practice with a rule that has none is not gated); without `rules_text`,
    only the gates declared with text or imports of their own."""
    found: list[tuple[str, FileGate]] = []
    for practice in practices():
        gate = practice.gate
        if gate.always or (gate.rules_text and not rules_text):
            continue
        if gate.rules_text:
            own = [rule.requires_any_text for rule in rules if rule.practice == practice.name]
            if not all(own):
                continue
            needles = {needle for needles in own for needle in needles}
            # A needle that contains another adds nothing: `select ` when `elect` is there.
            text = tuple(sorted(needle for needle in needles | set(gate.text) if not any(
                other != needle and other in needle for other in needles | set(gate.text))))
            gate = FileGate(text, gate.imports)
        found.append((practice.name, gate))
    return tuple(found)


def skipped_practices(text: str, rules: Optional[tuple[type[Rule], ...]] = None,
                      memo: Optional[dict[str, bool]] = None, rules_text: bool = True
                      ) -> frozenset[str]:
    """The practices whose file-level gate rejects this source: none of their rules, nor
    their analysis, runs on it. `memo` keeps which needles the text holds (each needle is
    searched once per file, by the gates and then by the rules). Without `rules_text`, the
    RULES_TEXT gates are left to the rules' own needles (the engine's case)."""
    skipped: list[str] = []
    imported: Optional[set[str]] = None
    found = {} if memo is None else memo
    for name, gate in _gates(all_rules() if rules is None else rules, rules_text):
        if gate.text and worth_running(gate.text, text, found):
            continue
        if gate.imports:
            if imported is None:
                imported = imported_modules(text)
            if gate.admits_imports(imported):
                continue
        skipped.append(name)
    return frozenset(skipped)


def worth_running(needles: tuple[str, ...], text: str, memo: dict[str, bool]) -> bool:
    """The cheap skip: a rule runs only if the text contains one of its needles. Practices'
    gates and rules share needles, so each needle is searched once per file.

    Most needles are absent, so most searches read the whole haystack. A needle of ASCII
    letters, digits and `_` (152 of the 164) can only occur inside one run of characters
    that are neither whitespace nor ASCII punctuation, so it is searched in the file's
    distinct runs joined by spaces (a fifth of the text on Django), with the same answer as
    in the text; the few others are searched in the text."""
    if not needles:
        return True
    for needle in needles:
        found = memo.get(needle)
        if found is None:
            identifier = _IDENTIFIER_NEEDLES.get(needle)
            if identifier is None:
                identifier = _IDENTIFIER_NEEDLES[needle] = bool(
                    _IDENTIFIER_NEEDLE.fullmatch(needle))
            found = memo[needle] = needle in (_runs_of(text) if identifier else text)
        if found:
            return True
    return False


# Which needles are made of ASCII letters, digits and `_` only (see `worth_running`).
_IDENTIFIER_NEEDLES: dict[str, bool] = {}
_IDENTIFIER_NEEDLE = re.compile(r"[A-Za-z0-9_]+")
# ASCII punctuation (what is neither a letter, a digit, `_` nor whitespace) becomes a space.
_PUNCTUATION = bytes(byte for byte in range(128)
                     if not (chr(byte).isalnum() or chr(byte) == "_" or chr(byte).isspace()))
_PUNCTUATION_TO_SPACE = bytes.maketrans(_PUNCTUATION, b" " * len(_PUNCTUATION))
# The last text's runs (the rules of one file ask in turn).
_LAST_RUNS: list[Any] = [None, ""]


def _runs_of(text: str) -> str:
    """The distinct runs of characters other than whitespace and ASCII punctuation, joined by
    spaces. Cut in the UTF-8 bytes (bytes.translate is much cheaper than str.translate): an
    ASCII byte there is always that character, so every run is whole characters."""
    if _LAST_RUNS[0] is not text:
        _LAST_RUNS[0] = text
        encoded = text.encode("utf-8", "surrogatepass").translate(_PUNCTUATION_TO_SPACE)
        _LAST_RUNS[1] = b" ".join(set(encoded.split())).decode("utf-8", "surrogatepass")
    runs: str = _LAST_RUNS[1]
    return runs
