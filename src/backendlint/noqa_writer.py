"""`--add-noqa`: append `# noqa: CODE` to the line of each current finding.

A comment may only go where the tokenizer ends a line (a NEWLINE or NL token): never inside a
multi-line string and never after a backslash continuation. When the finding's own line is not
such a place, the comment goes on another line where a suppression of that finding applies
(the first or last line of its statement). An existing `# noqa: X` is extended to
`# noqa: X, BL101`; an existing `# backendlint: ignore[...]` gets the code in its brackets; a
bare `# noqa` already suppresses everything and is left alone.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from backendlint.core.findings import Finding
from backendlint.fixes import write_atomically
from backendlint.pyparse import parse_quietly

_CODE = r"[A-Za-z]+[0-9]+|[a-z][a-z0-9]*(?:-[a-z0-9]+)+"
_NOQA_LIST = re.compile(
    rf"(?P<head>#\s*noqa\s*:\s*)(?P<codes>(?:{_CODE})(?:\s*,?\s*(?:{_CODE}))*)", re.IGNORECASE)
_BARE_NOQA = re.compile(r"#\s*noqa(?!\s*:)", re.IGNORECASE)
_OURS = re.compile(r"(?P<head>#\s*backendlint:\s*ignore\[)(?P<codes>[^\]]*)\]", re.IGNORECASE)


@dataclass
class NoqaOutcome:
    added: int = 0
    files: int = 0
    # (path, reason) for files or findings left without a comment.
    skipped: list[tuple[str, str]] = field(default_factory=list)


def add_noqa(findings: list[Finding], base: Path) -> NoqaOutcome:
    """Edit each file with findings in place; `base` is what display paths are relative to."""
    outcome = NoqaOutcome()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path, group in sorted(by_path.items()):
        real = base / path
        try:
            text = real.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            outcome.skipped.append((path, f"cannot read file ({error})"))
            continue
        edited, added, problems = with_noqa(text, group)
        outcome.skipped.extend((path, problem) for problem in problems)
        if not added or edited == text:
            continue
        try:
            write_atomically(real, edited)
        except OSError as error:
            outcome.skipped.append((path, f"cannot write file ({error.strerror})"))
            continue
        outcome.added += added
        outcome.files += 1
    return outcome


def with_noqa(text: str, findings: list[Finding]) -> tuple[str, int, list[str]]:
    """The text with suppression comments for the findings, the number of lines that got a new
    or extended comment, and why some findings got none."""
    lines = text.splitlines(keepends=True)
    try:
        comment_ok, comments = _comment_positions(text)
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        return text, 0, [f"cannot tokenize the file ({error}); no comments added"]
    wanted: dict[int, set[str]] = {}
    problems: list[str] = []
    for finding in findings:
        candidates = [finding.line, *sorted(set(finding.noqa_lines) - {finding.line})]
        target = next((line for line in candidates if line in comment_ok), None)
        if target is None:
            problems.append(f"line {finding.line}: no place for a comment ({finding.code})")
            continue
        wanted.setdefault(target, set()).add(finding.code)
    changed = 0
    for number, codes in wanted.items():
        if number > len(lines):
            continue
        new_line = _merged(lines[number - 1], codes, comments.get(number))
        if new_line != lines[number - 1]:
            lines[number - 1] = new_line
            changed += 1
    edited = "".join(lines)
    try:
        parse_quietly(edited)
    except SyntaxError:
        return text, 0, ["adding comments would break the file; left unchanged"]
    return edited, changed, problems


def _comment_positions(text: str) -> tuple[set[int], dict[int, int]]:
    """Lines whose end may take a comment, and the column of each line's existing comment."""
    ends: set[int] = set()
    comments: dict[int, int] = {}
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type in (tokenize.NEWLINE, tokenize.NL):
            ends.add(token.start[0])
        elif token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.start[1]
    return ends, comments


def _merged(line: str, codes: set[str], comment_column: Optional[int]) -> str:
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    if comment_column is not None:
        comment = body[comment_column:]
        if _BARE_NOQA.search(comment):
            return line
        for pattern in (_NOQA_LIST, _OURS):
            match = pattern.search(comment)
            if match is None:
                continue
            existing = [code for code in re.split(r"[,\s]+", match.group("codes")) if code]
            added = [code for code in sorted(codes)
                     if code.upper() not in {item.upper() for item in existing}]
            if not added:
                return line
            joined = ", ".join([*existing, *added])
            start, end = comment_column + match.start("codes"), comment_column + match.end(
                "codes")
            return body[:start] + joined + body[end:] + ending
    return f"{body.rstrip()}  # noqa: {', '.join(sorted(codes))}{ending}"
