"""`# noqa` and `# backendlint: ignore[...]` comments: parsing, applying, finding unused ones."""

from __future__ import annotations

import bisect
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Optional

from backendlint.core.findings import Finding

_NOQA = re.compile(
    r"#\s*(?:(?P<noqa>noqa)(?::\s*(?P<codes>[^#]*))?"
    r"|(?P<ours>backendlint:\s*ignore)(?:\[(?P<bracket>[^\]]*)\])?)",
    re.IGNORECASE,
)
# A code (BL101, E501, S608) or a kebab-case rule name; anything else ends the list, so
# a comment `noqa: E501 because the URL is long` keeps only E501.
_TOKEN = re.compile(r"[A-Za-z]+[0-9]+|[a-z][a-z0-9]*(?:-[a-z0-9]+)+")
_OUR_CODE = re.compile(r"BL[0-9]+", re.IGNORECASE)
# `# backendlint: noqa` (every finding of the file) or `# backendlint: noqa: BL101, BL2xx`,
# alone on its line (ruff has the same file-level form).
_FILE_LEVEL = re.compile(r"\s*(?P<hash>#)\s*backendlint:\s*noqa(?::(?P<codes>[^#]*))?\s*$",
                         re.IGNORECASE)


@dataclass
class Directive:
    line: int
    column: int  # 1-based column of the `#`
    end_column: int
    codes: Optional[list[str]]  # None: suppresses everything
    # A file-level exemption applies to every line of the file.
    file_level: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "end_column": self.end_column,
                "codes": self.codes, "file_level": self.file_level}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Directive:
        return cls(data["line"], data["column"], data["end_column"], data["codes"],
                   data.get("file_level", False))


def _split_codes(text: str) -> list[str]:
    codes: list[str] = []
    for raw in re.split(r"[,\s]+", text.strip()):
        if not raw:
            continue
        if not _TOKEN.fullmatch(raw):
            break
        codes.append(raw)
    return codes


# A comment, or a string literal (which may hold `#`): one regex scan in C finds the comments
# the tokenizer would find, at a tenth of the cost of the Python tokenizer. It is exact for every
# string form before Python 3.12; from 3.12 an f-string may reuse its own quotes inside `{}`,
# which a regex cannot follow, so there a file with f-string fields is tokenized instead.
_COMMENT_OR_STRING = re.compile(
    r"#[^\r\n]*"
    r"|(?P<prefix>[rRbBuUfF]{0,2})"
    r"(?:\"\"\"(?:[^\\]|\\.)*?\"\"\"|'''(?:[^\\]|\\.)*?'''"
    r"|\"(?:[^\"\\\r\n]|\\.)*\"|'(?:[^'\\\r\n]|\\.)*')",
    re.DOTALL)
_NESTED_QUOTES_POSSIBLE = sys.version_info >= (3, 12)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _comments(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, 0-based column, text) of each comment: a `# noqa` inside a string is none."""
    found: list[tuple[int, str]] = []
    for match in _COMMENT_OR_STRING.finditer(text):
        token = match.group()
        if token.startswith("#"):
            found.append((match.start(), token))
        elif _NESTED_QUOTES_POSSIBLE and "{" in token and "f" in match.group("prefix").lower():
            yield from _tokenized_comments(text)
            return
    if not found:
        return
    # Lines as the parser breaks them (\r too), so directives match findings' lines.
    starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    for offset, token in found:
        line = bisect.bisect_right(starts, offset)
        yield line, offset - starts[line - 1], token


def _tokenized_comments(text: str) -> Iterator[tuple[int, int, str]]:
    # newline=None: the tokenizer then breaks lines at \r too, as the parser does.
    reader = io.StringIO(text, newline=None).readline
    try:
        for token in tokenize.generate_tokens(reader):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.start[1], token.string
    except (tokenize.TokenError, SyntaxError):
        return  # a file that does not parse: its only findings are BL001


def parse_directives(text: str) -> list[Directive]:
    """Suppression comments by line. Files that mention neither word are not tokenized."""
    if "noqa" not in text.lower() and "backendlint" not in text:
        return []
    directives: list[Directive] = []
    for number, column, comment in _comments(text):
        whole = _FILE_LEVEL.match(comment) if column == 0 else None
        if whole is not None:
            raw = whole.group("codes")
            directives.append(Directive(number, 1, len(comment) + 1,
                                        (_split_codes(raw) or None) if raw else None, True))
            continue
        match = _NOQA.search(comment)
        if match is None:
            continue
        if match.group("noqa"):
            raw = match.group("codes")
            codes = _split_codes(raw) if raw is not None else None
            if raw is not None and not codes:
                codes = None  # a colon followed by nothing usable acts as a bare directive
        else:
            bracket = match.group("bracket")
            codes = _split_codes(bracket) if bracket is not None else None
        directives.append(Directive(number, column + match.start() + 1,
                                    column + match.end() + 1, codes))
    return directives


def is_our_token(token: str, rule_names: set[str]) -> bool:
    return bool(_OUR_CODE.fullmatch(token)) or token in rule_names


@dataclass
class SuppressionResult:
    kept: list[Finding]
    suppressed: int
    # (directive, problem) pairs for BL002: unused codes, bare noqa, unknown codes.
    problems: list[tuple[Directive, str]]


def apply_suppressions(findings: list[Finding], directives: list[Directive],
                       expand: dict[str, set[str]], enabled: frozenset[str]) -> SuppressionResult:
    """Drop findings that a directive on one of their noqa lines covers.

    `expand` maps each of our tokens found in the directives (code or rule name) to the codes
    it stands for; tokens of other tools are absent and ignored.
    """
    by_line = {directive.line: directive for directive in directives}
    # File-level exemptions are looked at for every finding, after its own lines.
    whole_file = [directive.line for directive in directives if directive.file_level]
    used: dict[int, set[str]] = {}
    kept: list[Finding] = []
    suppressed = 0
    for finding in findings:
        hit = False
        for line in [*(finding.noqa_lines or (finding.line,)), *whole_file]:
            directive = by_line.get(line)
            if directive is None:
                continue
            if directive.codes is None:
                hit = True
                used.setdefault(line, set()).add("*")
                break
            for token in directive.codes:
                if finding.code in expand.get(token, ()) or token.upper() == finding.code:
                    hit = True
                    used.setdefault(line, set()).add(token)
            if hit:
                break
        if hit:
            suppressed += 1
        else:
            kept.append(finding)
    problems: list[tuple[Directive, str]] = []
    for directive in directives:
        if directive.codes is None and directive.file_level:
            continue  # a deliberate exemption of the whole file, not a sloppy bare noqa
        if directive.codes is None:
            problems.append((directive, "bare suppression comment: name the codes it silences"
                             if "*" in used.get(directive.line, set())
                             else "unused blanket suppression comment"))
            continue
        for token in directive.codes:
            if token in used.get(directive.line, set()):
                continue
            if token not in expand:
                if _OUR_CODE.fullmatch(token):
                    problems.append((directive, f"unknown code '{token}' in suppression comment"))
                continue
            if expand[token] & enabled:
                problems.append((directive, f"unused suppression of {token}"))
    return SuppressionResult(kept, suppressed, problems)
