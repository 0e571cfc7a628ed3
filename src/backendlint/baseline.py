"""The baseline file: today's findings, recorded so that a gate fails only on new ones.

The file is JSON, one entry per finding, sorted by path, code and fingerprint, with the
message kept for the reader (it is not matched). Matching is by fingerprint alone (see
fingerprints.py), so a finding survives lines inserted above it and a re-indented function.
A renamed file's findings do not match (the path is part of the fingerprint): they show as
new, and the old entries as stale, until the baseline is written again.
"""

from __future__ import annotations

import json
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backendlint import inputs
from backendlint.core.findings import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """An unreadable or malformed baseline file (exit code 2)."""


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the repository root, POSIX separators
    code: str
    fingerprint: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "fingerprint": self.fingerprint,
                "message": self.message}


@dataclass
class Comparison:
    new: list[Finding]
    known: int
    # Entries that no current finding matched, among the files and codes this run checked.
    stale: list[Entry]
    # Entries outside what this run checked (other files, rules not selected): kept as is.
    untouched: list[Entry]


def entries_for(findings: list[Finding], fingerprint_of: dict[int, str],
                relative_path: dict[str, str]) -> list[Entry]:
    return [Entry(relative_path[f.path], f.code, fingerprint_of[id(f)], f.message)
            for f in findings]


def write(path: Path, entries: list[Entry]) -> None:
    ordered = sorted(set(entries), key=lambda e: (e.path, e.code, e.fingerprint))
    document = {"backendlint-baseline": FORMAT_VERSION,
                "findings": [entry.to_json() for entry in ordered]}
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"{path}: cannot write baseline: {error.strerror}") from None


def read(path: Path) -> list[Entry]:
    try:
        inputs.note_read(path)
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: baseline is not valid JSON ({error})") from None
    if not isinstance(document, dict) or document.get("backendlint-baseline") != \
            FORMAT_VERSION or not isinstance(document.get("findings"), list):
        raise BaselineError(f"{path}: not a backendlint baseline (version {FORMAT_VERSION})")
    try:
        return [Entry(item["path"], item["code"], item["fingerprint"], item.get("message", ""))
                for item in document["findings"]]
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: baseline entry without path, code or fingerprint") \
            from None


def compare(findings: list[Finding], fingerprint_of: dict[int, str], entries: list[Entry],
            checked_paths: Container[str], checked_codes: Container[str]) -> Comparison:
    """Split the findings into new ones and known ones, and the entries into stale ones (in
    the checked files and codes, matched by nothing) and untouched ones."""
    known_prints = {entry.fingerprint for entry in entries}
    new = [f for f in findings if fingerprint_of[id(f)] not in known_prints]
    current = {fingerprint_of[id(f)] for f in findings}
    stale: list[Entry] = []
    untouched: list[Entry] = []
    for entry in entries:
        if entry.fingerprint in current:
            continue
        if entry.path in checked_paths and entry.code in checked_codes:
            stale.append(entry)
        else:
            untouched.append(entry)
    return Comparison(new, len(findings) - len(new), stale, untouched)
