"""The unified diff that `--diff` prints, in time linear in the file: difflib's matcher took
minutes on a generated file with thousands of fixed lines. Fixes change few lines at a time, so
after each change the two texts fall back into step within a few lines; the diff looks for
that point nearby instead of for the longest common block of the whole file."""

from __future__ import annotations

import re
from collections.abc import Sequence

# How far ahead (in lines, on each side) a change is followed before it is taken to run to
# the end of the file.
_LOOKAHEAD = 64
_CONTEXT = 3

Opcode = tuple[str, int, int, int, int]
# The parser's line breaks; str.splitlines() would also break at form feeds and the like.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines_keeping_ends(text: str) -> list[str]:
    return _LINE.findall(text)


def unified_diff(before: Sequence[str], after: Sequence[str], fromfile: str, tofile: str
                 ) -> str:
    """`diff -u` of two lists of lines that keep their line endings ("" when equal)."""
    hunks = _hunks(_opcodes(before, after))
    if not hunks:
        return ""
    out = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    for hunk in hunks:
        first, last = hunk[0], hunk[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, a_start, a_end, b_start, b_end in hunk:
            if tag == "equal":
                out.extend(_lines(" ", before[a_start:a_end]))
                continue
            out.extend(_lines("-", before[a_start:a_end]))
            out.extend(_lines("+", after[b_start:b_end]))
    return "".join(out)


def _lines(prefix: str, lines: Sequence[str]) -> list[str]:
    shown = []
    for line in lines:
        shown.append(prefix + line)
        if not line.endswith(("\n", "\r")):
            shown.append("\n\\ No newline at end of file\n")
    return shown


def _range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """(tag, a_start, a_end, b_start, b_end) covering both sequences, as difflib's."""
    codes: list[Opcode] = []
    i = j = 0
    while i < len(a) or j < len(b):
        start_i, start_j = i, j
        while i < len(a) and j < len(b) and a[i] == b[j]:
            i += 1
            j += 1
        if i > start_i:
            codes.append(("equal", start_i, i, start_j, j))
        if i == len(a) and j == len(b):
            break
        skip_a, skip_b = _resync(a, b, i, j)
        tag = "replace" if skip_a and skip_b else ("delete" if skip_a else "insert")
        codes.append((tag, i, i + skip_a, j, j + skip_b))
        i += skip_a
        j += skip_b
    return codes


def _resync(a: Sequence[str], b: Sequence[str], i: int, j: int) -> tuple[int, int]:
    """The fewest lines to skip on each side before the two agree again (on a line with text,
    on two blank lines in a row, or at the end), or the rest of both when that is not within
    the lookahead."""
    for distance in range(1, 2 * _LOOKAHEAD + 1):
        for skip_a in range(max(0, distance - _LOOKAHEAD), min(distance, _LOOKAHEAD) + 1):
            skip_b = distance - skip_a
            x, y = i + skip_a, j + skip_b
            if x > len(a) or y > len(b):
                continue
            if (x == len(a) and y == len(b)) or (
                    x < len(a) and y < len(b) and a[x] == b[y]
                    and (a[x].strip() or a[x + 1:x + 2] == b[y + 1:y + 2])):
                return skip_a, skip_b
    return len(a) - i, len(b) - j


def _hunks(codes: list[Opcode]) -> list[list[Opcode]]:
    """Changes with up to three lines of context, joined when their contexts touch."""
    changes = [index for index, code in enumerate(codes) if code[0] != "equal"]
    if not changes:
        return []
    hunks: list[list[Opcode]] = []
    current: list[Opcode] = []
    for code in codes:
        tag, a_start, a_end, b_start, b_end = code
        if tag != "equal":
            current.append(code)
            continue
        size = a_end - a_start
        if not current:  # leading context of the next change
            keep = min(size, _CONTEXT)
            current.append(("equal", a_end - keep, a_end, b_end - keep, b_end))
        elif size > 2 * _CONTEXT:
            current.append(("equal", a_start, a_start + _CONTEXT, b_start, b_start + _CONTEXT))
            hunks.append(current)
            current = [("equal", a_end - _CONTEXT, a_end, b_end - _CONTEXT, b_end)]
        else:
            current.append(code)
    if current and any(code[0] != "equal" for code in current):
        if current[-1][0] == "equal":
            tag, a_start, a_end, b_start, b_end = current[-1]
            keep = min(a_end - a_start, _CONTEXT)
            current[-1] = ("equal", a_start, a_start + keep, b_start, b_start + keep)
        hunks.append(current)
    return hunks
