"""Syntax errors caused by a construct newer than the running Python, explained as such.

backendlint parses with the interpreter it runs on. A project written for Python 3.12 linted
under 3.11 fails to parse at its first `type X = ...`; a bare "invalid syntax" then reads like
a bug in the user's code. These patterns recognise the constructs that most often cause it,
on the line the parser stopped at.
"""

from __future__ import annotations

import re
import sys
from typing import Optional

# (pattern on the error's line, what it is, the Python version that accepts it)
_NEWER_SYNTAX: tuple[tuple[re.Pattern[str], str, tuple[int, int]], ...] = (
    (re.compile(r"^\s*type\s+[A-Za-z_]\w*\s*(\[.*\])?\s*="), "a `type` alias statement (PEP 695)",
     (3, 12)),
    (re.compile(r"^\s*(async\s+)?def\s+[A-Za-z_]\w*\s*\["), "a generic function (PEP 695)",
     (3, 12)),
    (re.compile(r"^\s*class\s+[A-Za-z_]\w*\s*\["), "a generic class (PEP 695)", (3, 12)),
    (re.compile(r"^\s*except\s*\*"), "`except*` (PEP 654)", (3, 11)),
    (re.compile(r"^\s*match\s+.+:\s*(#.*)?$"), "a `match` statement (PEP 634)", (3, 10)),
    (re.compile(r"^\s*case\s+.+:\s*(#.*)?$"), "a `match` statement (PEP 634)", (3, 10)),
    (re.compile(r"^\s*with\s*\(.*\bas\b.*"), "parenthesized context managers", (3, 10)),
    (re.compile(r"^\s*except\s+[A-Za-z_][\w.]*\s*,\s*[A-Za-z_]"),
     "`except` with several types and no parentheses (PEP 758)", (3, 14)),
    (re.compile(r"\bt(['\"])"), "a template string (PEP 750)", (3, 14)),
)


def newer_syntax_hint(line_text: str, running: Optional[tuple[int, int]] = None
                      ) -> Optional[str]:
    """What the failing line needs, when it is syntax newer than the running Python."""
    running = running or (sys.version_info[0], sys.version_info[1])
    for pattern, construct, needed in _NEWER_SYNTAX:
        if needed > running and pattern.search(line_text):
            return (f"{construct} needs Python {needed[0]}.{needed[1]}, and backendlint is "
                    f"running on Python {running[0]}.{running[1]}; run it with a newer Python")
    return None
