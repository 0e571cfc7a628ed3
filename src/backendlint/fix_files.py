"""Fixing files and stdin text for the command line: the lint-fix loop on one file's text,
the refusals (encoding, parse), the atomic write, and the diff that --diff prints."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from backendlint.core.findings import Finding
from backendlint.core.pipeline import DecodeError, lint_source, module_name_for
from backendlint.core.runner import suppress
from backendlint.fixes import FixOutcome, applicable, fix_until_stable, write_atomically
from backendlint.linediff import split_lines_keeping_ends, unified_diff
from backendlint.settings import Settings
from backendlint.sourcefile import Decoded, decode, encode, encode_problem


def file_lint(display: str, module: str, is_package: bool, settings: Settings
              ) -> Callable[[str], list[Finding]]:
    """Lint one file's text with suppressions applied (what the fix loop iterates on)."""

    def lint(text: str) -> list[Finding]:
        result = lint_source(display, text, settings, module, is_package)
        kept, _ = suppress(result.findings, result.directives, display, settings)
        return kept

    return lint


def fix_text(text: str, display: str, module: str, is_package: bool, settings: Settings,
              unsafe: bool) -> FixOutcome:
    return fix_until_stable(text, file_lint(display, module, is_package, settings), unsafe)


def text_diff(before: str, after: str, display: str) -> str:
    return unified_diff(split_lines_keeping_ends(before), split_lines_keeping_ends(after),
                        fromfile=f"a/{display}", tofile=f"b/{display}")


def with_refusal(finding: Finding, error: Optional[str], unsafe: bool) -> Finding:
    """A finding whose fix was refused says so, so the report explains why it remains."""
    if error is None or not applicable(finding, unsafe):
        return finding
    # Without its fix: `[*]` would promise a fix that --fix just refused.
    return dataclasses.replace(finding, message=f"{finding.message} ({error})", fix=None)


@dataclass
class FileFix:
    before: str
    outcome: FixOutcome
    write_error: Optional[str] = None


def fix_file(path: Path, display: str, settings: Settings, unsafe: bool, diff_only: bool,
             warn: Callable[[str], None]) -> Optional[FileFix]:
    """Fix one file, keeping its encoding, BOM and line endings (text is decoded from the
    bytes, never through universal newlines); `warn` is told why fixes were refused."""
    try:
        original = decode(path.read_bytes())
    except (OSError, DecodeError):
        return None  # the lint pass has reported it (BL001)
    module, is_package = module_name_for(path)
    outcome = encodable(fix_text(original.text, display, module, is_package, settings,
                                   unsafe), original)
    if outcome.error:
        warn(f"{display}: {outcome.error}; file left unchanged")
    if outcome.applied and not diff_only and outcome.text != original.text:
        try:
            write_atomically(path, encode(outcome.text, original))
        except OSError as error:
            return FileFix(original.text, outcome,
                            f"{display}: cannot write fixes: {error.strerror or error}")
    return FileFix(original.text, outcome)


def encodable(outcome: FixOutcome, original: Decoded) -> FixOutcome:
    """The outcome, or a refusal when the fixed text does not fit the file's encoding."""
    problem = encode_problem(outcome.text, original) if outcome.applied else None
    return FixOutcome(original.text, [], problem) if problem else outcome
