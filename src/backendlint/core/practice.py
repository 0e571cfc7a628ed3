"""A practice: one line of the rulebook, a code prefix, an options table, and its rules."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from backendlint.core.rule import FileAnalysis

_PREFIX = re.compile(r"BL\d\Z")
_NAME = re.compile(r"[a-z]+(-[a-z]+)*\Z")


@dataclasses.dataclass
class PracticeOptions:
    """Options of one practice, read from `[tool.backendlint.<practice>]`.

    A practice declares a subclass with typed fields; config validation reads the field names
    (with `_` written as `-` in TOML) and their types from it.
    """


@dataclasses.dataclass(frozen=True)
class FileGate:
    """The cheap test that decides whether a practice's per-file work (its rules and its
    analysis) runs on a file at all: it does when the source contains one of `text`, or the
    module imports a module in `imports` (the name or a submodule of it: `django` admits
    `django.db.models`; read from the module's import statements, any scope). A gate with
    neither admits every file.

    A gate must admit every file on which one of the practice's rules could fire, or on which
    its analysis writes facts another module's findings depend on: a test checks it is at
    least as wide as the union of the rules' `requires_any_text`."""

    text: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    # Also admit every file on which one of the practice's rules would run by its
    # `requires_any_text` (a rule without needles makes the gate admit every file): the
    # gate is then exactly as wide as the rules, and a new rule widens it by itself.
    rules_text: bool = False

    @property
    def always(self) -> bool:
        return not self.text and not self.imports and not self.rules_text

    def admits_text(self, source: str) -> bool:
        return any(needle in source for needle in self.text)

    def admits_imports(self, imported: Iterable[str]) -> bool:
        prefixes = self.imports
        return any(name == prefix or name.startswith(prefix + ".")
                   for name in imported for prefix in prefixes)


ALWAYS = FileGate()
# The gate most practices declare: skip a file on which none of their rules would run.
RULES_TEXT = FileGate(rules_text=True)


@dataclasses.dataclass(frozen=True)
class Practice:
    """Declared once, as `PRACTICE` in a practice package's `__init__.py`.

    Every rule class found under the package belongs to it: the registry sets the rule's
    `practice` and `options_class` from here, and checks that its code carries the prefix.
    """

    name: str
    prefix: str
    summary: str
    options: type[PracticeOptions] = PracticeOptions
    # The per-file work its table-driven rules share; run once per file when any of the
    # practice's rules is enabled there.
    analysis: Optional[type[FileAnalysis]] = None
    # Whether the practice's per-file work runs on a file at all (default: always; its rules'
    # own `requires_any_text` still apply after it).
    gate: FileGate = ALWAYS

    def __post_init__(self) -> None:
        if not _PREFIX.match(self.prefix):
            raise ValueError(f"practice {self.name}: prefix {self.prefix!r} is not BL<digit>")
        if not _NAME.match(self.name):
            raise ValueError(f"practice name {self.name!r} is not kebab-case")


ENGINE = Practice("engine", "BL0", "Problems with the run itself: unparsable files, unused "
                  "suppressions.")
