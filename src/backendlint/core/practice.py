"""A practice: one line of the rulebook, a code prefix, an options table, and its rules."""

from __future__ import annotations

import dataclasses
import re
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

    def __post_init__(self) -> None:
        if not _PREFIX.match(self.prefix):
            raise ValueError(f"practice {self.name}: prefix {self.prefix!r} is not BL<digit>")
        if not _NAME.match(self.name):
            raise ValueError(f"practice name {self.name!r} is not kebab-case")


ENGINE = Practice("engine", "BL0", "Problems with the run itself: unparsable files, unused "
                  "suppressions.")
