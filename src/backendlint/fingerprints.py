"""Stable fingerprints of findings: the same finding keeps its fingerprint when code moves.

A fingerprint hashes the rule code, the path relative to the repository root, the names of
the enclosing classes and functions, and the flagged statement as an AST dump (no positions,
no whitespace, no comments), then adds an occurrence index among findings that hash the same.
Line numbers are deliberately left out: inserting lines above a finding or re-indenting its
function changes nothing. The enclosing function is represented by its qualified name rather
than its whole body, so adding a line to a function does not turn its old findings into new
ones.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from typing import Callable, Optional

from backendlint.core.findings import Finding
from backendlint.pyparse import parse_quietly

# Fields holding nested statements: a compound statement's header is the node without them.
_BODY_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def fingerprints(findings: Iterable[Finding], read_text: Callable[[str], Optional[str]],
                 relative_path: Callable[[str], str]) -> dict[int, str]:
    """Fingerprint of each finding, keyed by `id(finding)`. `read_text` gives a display path's
    source (None when unreadable); `relative_path` maps it to the repository-relative path."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    result: dict[int, str] = {}
    for path, group in by_path.items():
        locator = _StatementLocator(read_text(path))
        relative = relative_path(path)
        seen: dict[str, int] = {}
        for finding in sorted(group, key=Finding.sort_key):
            scope, statement = locator.describe(finding.line)
            key = f"{finding.code}\0{relative}\0{scope}\0{statement}"
            digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]
            occurrence = seen.get(digest, 0)
            seen[digest] = occurrence + 1
            result[id(finding)] = f"{digest}:{occurrence}"
    return result


class _StatementLocator:
    """Finds the innermost statement on a line of one file, and the scopes around it."""

    def __init__(self, text: Optional[str]) -> None:
        self.lines = (text or "").splitlines()
        self.tree: Optional[ast.Module] = None
        if text is not None:
            try:
                self.tree = parse_quietly(text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                self.tree = None

    def describe(self, line: int) -> tuple[str, str]:
        """(dotted names of the enclosing classes and functions, normalised statement)."""
        if self.tree is None:
            return "", self._line_text(line)
        scopes: list[str] = []
        found: Optional[ast.AST] = None
        candidates: list[ast.AST] = list(self.tree.body)
        while True:
            inner = next((node for node in candidates if _spans(node, line)), None)
            if inner is None:
                break
            found = inner
            if isinstance(inner, _SCOPES) and _header_end(inner) < line:
                scopes.append(inner.name)
            candidates = _children(inner)
        if found is None:
            return "", self._line_text(line)
        return ".".join(scopes), _normalised(found)

    def _line_text(self, line: int) -> str:
        if 0 < line <= len(self.lines):
            return " ".join(self.lines[line - 1].split())
        return ""


def _spans(node: ast.AST, line: int) -> bool:
    start = getattr(node, "lineno", None)
    end = getattr(node, "end_lineno", None)
    if start is None or end is None:
        return False
    for decorator in getattr(node, "decorator_list", ()):
        start = min(start, decorator.lineno)
    return bool(start <= line <= end)


def _header_end(node: ast.AST) -> int:
    """The last line before a compound statement's body: a finding on a `def` line belongs to
    the enclosing scope, one in the body to the function itself."""
    body = getattr(node, "body", None)
    if body:
        return int(body[0].lineno) - 1
    return int(getattr(node, "end_lineno", 0))


def _children(node: ast.AST) -> list[ast.AST]:
    children: list[ast.AST] = []
    for name in _BODY_FIELDS:
        for item in getattr(node, name, None) or ():
            if isinstance(item, ast.match_case if hasattr(ast, "match_case") else ()):
                children.extend(item.body)
            else:
                children.append(item)
    return children


def _normalised(node: ast.AST) -> str:
    """The statement as an AST dump without positions; a compound statement only by its
    header, so editing its body does not change the fingerprint of a finding on the header."""
    if not any(getattr(node, name, None) for name in _BODY_FIELDS):
        return ast.dump(node)
    fields = {name: ([] if name in _BODY_FIELDS else value)
              for name, value in ast.iter_fields(node)}
    return ast.dump(type(node)(**fields))
