"""Parsing the linted code without Python's own warnings about it."""

from __future__ import annotations

import ast
import warnings


def parse_quietly(text: str, filename: str = "<unknown>") -> ast.Module:
    """`ast.parse`, with the warnings Python raises about the parsed code silenced (an
    invalid escape sequence such as "\\d": SyntaxWarning from 3.12, DeprecationWarning
    before). They are about the linted code, not about backendlint, so they must not reach
    the user's stderr; and under `-W error` Python raises them as a SyntaxError, which would
    be reported as a file that does not parse."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename, type_comments=False)
