"""The human-readable formats: `full` (findings with their source line) and `concise`.

Both end with a summary line unless the report is quiet. Renderers return the whole text with a
trailing newline, or an empty string when there is nothing to print.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from backendlint.core.findings import Applicability, Finding, Severity
from backendlint.output import Report

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"


def render_full(report: Report) -> str:
    return "".join(full_chunks(report))


def render_concise(report: Report) -> str:
    return "".join(concise_chunks(report))


# Streamed, the report is written this many findings at a time: on a big tree it is tens of
# megabytes, and built whole it was several copies of that at the run's peak of memory.
CHUNK_FINDINGS = 1000


def full_chunks(report: Report) -> Iterator[str]:
    """The `full` report in pieces whose concatenation is `render_full`'s text."""
    findings = sorted(report.findings, key=Finding.sort_key)
    if report.statistics:
        yield from _finish(report, findings, [_statistics(report, findings)] if findings else [])
        return
    for start in range(0, len(findings), CHUNK_FINDINGS):
        # Each entry ends with a blank line of its own, then its block's newline.
        yield "".join(_full_entry(report, finding) + "\n"
                      for finding in findings[start:start + CHUNK_FINDINGS])
    yield from _finish(report, findings, [])


def concise_chunks(report: Report) -> Iterator[str]:
    """The `concise` report in pieces whose concatenation is `render_concise`'s text."""
    findings = sorted(report.findings, key=Finding.sort_key)
    if report.statistics:
        yield from _finish(report, findings, [_statistics(report, findings)] if findings else [])
        return
    for start in range(0, len(findings), CHUNK_FINDINGS):
        yield _concise_lines(report, findings[start:start + CHUNK_FINDINGS]) + "\n"
    yield from _finish(report, findings, [])


def _finish(report: Report, findings: list[Finding], blocks: list[str]) -> Iterator[str]:
    if not report.quiet:
        if report.show_fixes and report.fixed:
            blocks.append(_fixed_listing(report.fixed))
        blocks.append(_summary(report, findings))
    text = "".join(block + "\n" for block in blocks if block)
    if text:
        yield text


def _is_fixable(report: Report, finding: Finding) -> bool:
    """Whether `--fix` (with the unsafe fixes the run allows) would fix this finding."""
    if finding.fix is None:
        return False
    return finding.fix.applicability is Applicability.SAFE or report.unsafe_fixes_enabled


def _paint(report: Report, text: str, *styles: str) -> str:
    if not report.color:
        return text
    return "".join(styles) + text + _RESET


def _code(report: Report, finding: Finding) -> str:
    colour = _RED if finding.severity is Severity.ERROR else _YELLOW
    return _paint(report, finding.code, _BOLD, colour)


def _location(report: Report, finding: Finding) -> str:
    return _paint(report, f"{finding.path}:{finding.line}:{finding.column}:", _BOLD)


def _full_entry(report: Report, finding: Finding) -> str:
    marker = " [*]" if _is_fixable(report, finding) else ""
    header = f"{_location(report, finding)} {_code(report, finding)}{marker} {finding.message}"
    snippet = _source_snippet(report, finding)
    related = [f"  = {item.path}:{item.line}: {item.message}" for item in finding.related]
    # The trailing empty string leaves one blank line between entries.
    return "\n".join([header, *snippet, *related, ""])


def _source_snippet(report: Report, finding: Finding) -> list[str]:
    """The finding's first source line with a gutter, and a caret line under its columns."""
    lines = report.source_lines(finding.path)
    if lines is None or not 1 <= finding.line <= len(lines):
        return []
    source = lines[finding.line - 1].rstrip("\r\n")
    start = max(finding.column - 1, 0)
    if finding.end_line == finding.line:
        end = finding.end_column - 1
    else:
        end = len(source.rstrip())
    width = max(end - start, 1)
    # Keep tabs of the indentation so the carets line up in a terminal.
    padding = "".join(char if char == "\t" else " " for char in source[:start])
    padding += " " * max(start - len(source), 0)
    gutter = str(finding.line)
    blank_gutter = " " * len(gutter)
    carets = _paint(report, "^" * width, _BOLD, _RED)
    return [f"{gutter} | {source}".rstrip(), f"{blank_gutter} | {padding}{carets}"]


def _concise_lines(report: Report, findings: list[Finding]) -> str:
    if report.color:
        return "\n".join(_concise_line(report, finding) for finding in findings)
    # Without colour, one f-string per finding: tens of thousands of lines on a big tree.
    unsafe = report.unsafe_fixes_enabled
    safe = Applicability.SAFE
    return "\n".join(
        f"{f.path}:{f.line}:{f.column}: {f.code}"
        f"{' [*]' if f.fix is not None and (unsafe or f.fix.applicability is safe) else ''}"
        f" {one_line_message(f.message)}" for f in findings)


def _concise_line(report: Report, finding: Finding) -> str:
    marker = " [*]" if _is_fixable(report, finding) else ""
    return (f"{_location(report, finding)} {_code(report, finding)}{marker} "
            f"{one_line_message(finding.message)}")


# Concise output is one finding per line: a message stops near this many characters, at the
# end of a clause (the problem first, the advice after `;`). Full output, JSON and SARIF keep
# the whole text, and `backendlint rule CODE` explains each rule at length.
CONCISE_MESSAGE_LIMIT = 200


def one_line_message(message: str) -> str:
    if len(message) <= CONCISE_MESSAGE_LIMIT:
        return message
    cut = message.rfind("; ", 0, CONCISE_MESSAGE_LIMIT)
    if cut < CONCISE_MESSAGE_LIMIT // 3:
        cut = message.rfind(" ", 0, CONCISE_MESSAGE_LIMIT - 1)
    return message[:cut].rstrip(" ;,:") + " …"


def _statistics(report: Report, findings: list[Finding]) -> str:
    counts = Counter(finding.code for finding in findings)
    names = {finding.code: finding.name for finding in findings}
    fixable = {finding.code for finding in findings if _is_fixable(report, finding)}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    count_width = max(len(str(count)) for _, count in rows)
    code_width = max(len(code) for code, _ in rows)
    name_width = max(len(names[code]) for code, _ in rows)
    lines = []
    for code, count in rows:
        marker = "[*]" if code in fixable else ""
        line = (f"{count:>{count_width}}  {code:<{code_width}}  "
                f"{names[code]:<{name_width}}  {marker}")
        lines.append(line.rstrip())
    return "\n".join(lines)


def _fixed_listing(fixed: list[Finding]) -> str:
    by_path: dict[str, Counter[tuple[str, str]]] = {}
    for finding in sorted(fixed, key=Finding.sort_key):
        by_path.setdefault(finding.path, Counter())[(finding.code, finding.name)] += 1
    lines = [f"Fixed {_plural(len(fixed), 'finding')}:"]
    for path in sorted(by_path):
        lines.append(f"- {path}:")
        for (code, name), count in sorted(by_path[path].items()):
            lines.append(f"    {count} x {code} ({name})")
    return "\n".join(lines)


def _summary(report: Report, findings: list[Finding]) -> str:
    if not findings:
        details = [_plural(report.files, "file") + " checked"]
        if report.suppressed:
            details.append(f"{report.suppressed} suppressed")
        if report.baselined:
            details.append(f"{report.baselined} in the baseline")
        lines = [f"All checks passed! ({', '.join(details)})"]
    else:
        errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
        warnings = len(findings) - errors
        paths = len({finding.path for finding in findings})
        counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
        found = f"Found {_plural(len(findings), 'finding')} ({counts}) in {_plural(paths, 'file')}."
        lines = [found]
        hint = _fix_hint(report, findings)
        if hint:
            lines.append(hint)
        if report.suppressed:
            lines.append(f"{report.suppressed} suppressed by comments.")
        if report.baselined:
            lines.append(f"{report.baselined} known findings left out by the baseline.")
    if report.fixed and not report.show_fixes:
        lines.append(f"Fixed {_plural(len(report.fixed), 'finding')}.")
    return "\n".join(lines)


def _fix_hint(report: Report, findings: list[Finding]) -> str | None:
    fixable = sum(1 for finding in findings if _is_fixable(report, finding))
    unsafe_only = sum(1 for finding in findings
                      if finding.fix is not None and not _is_fixable(report, finding))
    parts = []
    if fixable:
        parts.append(f"[*] {fixable} fixable with --fix")
    if unsafe_only:
        kind = "more" if fixable else "fixable"
        parts.append(f"{unsafe_only} {kind} with --unsafe-fixes")
    return "; ".join(parts) + "." if parts else None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
