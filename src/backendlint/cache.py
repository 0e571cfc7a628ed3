"""The result cache: every file's per-file result, and the project pass's result, in one
snapshot file per (cache format, version, code, settings).

A warm run reads one file instead of one per linted file. Each line holds one linted file:
its content key, the size and mtime it had when its result was cached, and the result, split
into findings and facts so that the facts (half the bytes) are decoded only when the project
pass has to run again. Lines of unchanged files are written back as they were read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional, TypeVar

from backendlint import __version__
from backendlint.code_identity import code_fingerprint
from backendlint.core.facts import StoredFacts, facts_text
from backendlint.core.findings import (
    Applicability,
    Confidence,
    Edit,
    Finding,
    Fix,
    Related,
    Severity,
)
from backendlint.core.pipeline import FileResult
from backendlint.core.shifted_pass import MAX_CHANGED
from backendlint.replay import RACY_NS
from backendlint.suppression import Directive

# Bumped when the snapshot layout changes, so old snapshots are never read as new ones.
# 3: each line carries a checksum of its payload. 5: facts stored practice by practice.
# 6: a facts object stored as the list of its fields, by position. 7: facts mappings in
# the order the per-file pass made them, no longer sorted.
_FORMAT = "7"
_PROJECT = "\0project"
# Snapshots of other configurations kept beside the current one.
_KEPT_SNAPSHOTS = 8
_SEVERITIES = {severity.value: severity for severity in Severity}
# File names that are not UTF-8 reach us as surrogates (os.fsdecode); keep them as bytes.
_NAMES = "surrogateescape"
_APPLICABILITIES = {item.value: item for item in Applicability}
# A lookup, not Confidence(value): the enum's call was half of decoding a cached finding.
_CONFIDENCES = {item.value: item for item in Confidence}


def cache_salt(settings_fingerprint: str) -> bytes:
    """What every key and the snapshot's name depend on besides the file itself."""
    return (f"{_FORMAT}\0{__version__}\0{code_fingerprint()}\0"
            f"{settings_fingerprint}\0").encode()


def content_key(salt: bytes, display: str, module: str, data: bytes) -> str:
    digest = hashlib.sha256(salt)
    digest.update(display.encode("utf-8", _NAMES))
    digest.update(b"\0")
    digest.update(module.encode("utf-8", _NAMES))
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def encode_result(result: FileResult) -> tuple[str, str]:
    """(findings and directives, facts) as compact JSON text without tabs or newlines; the
    facts practice by practice (`facts_text`), so a later run decodes only those a project
    rule asks for."""
    body = [
        result.module,
        [_encode_finding(finding) for finding in result.findings],
        [[d.line, d.column, d.end_column, d.codes, d.file_level] for d in result.directives],
    ]
    facts = result.facts_text
    if facts is None:
        stored = result.facts
        facts = stored.text() if isinstance(stored, StoredFacts) else facts_text(stored)
    return json.dumps(body, separators=(",", ":")), facts


def decode_result(path: str, body: str, facts: str, facts_start: int = 0) -> FileResult:
    """A cached result; its facts stay text (`facts[facts_start:]`) until a project rule
    asks for one practice's."""
    module, findings, directives = json.loads(body)
    result = FileResult(path, module)
    result.findings = [_decode_finding(path, item) for item in findings]
    result.directives = [Directive(line, column, end, codes, file_level)
                         for line, column, end, codes, file_level in directives]
    result.facts = StoredFacts(facts, facts_start)
    return result


def _encode_finding(finding: Finding) -> list[Any]:
    fix = finding.fix
    encoded_fix = None if fix is None else [
        fix.description, fix.applicability.value,
        [[e.line, e.column, e.end_line, e.end_column, e.content] for e in fix.edits],
        [list(item) for item in fix.imports],
    ]
    return [finding.code, finding.name, finding.practice, finding.severity.value,
            finding.message, finding.line, finding.column, finding.end_line,
            finding.end_column, list(finding.noqa_lines), encoded_fix,
            finding.confidence.value,
            [[item.path, item.line, item.column, item.message] for item in finding.related]]


def _decode_finding(path: str, item: list[Any]) -> Finding:
    (code, name, practice, severity, message, line, column, end_line, end_column, noqa,
     fix, confidence, related) = item
    if fix is not None:
        description, applicability, edits, imports = fix
        fix = _built(Fix, _FIX_FIELDS, (
            description, _APPLICABILITIES[applicability],
            tuple(_built(Edit, _EDIT_FIELDS, edit) for edit in edits),
            tuple((module, imported) for module, imported in imports)))
    return _built(Finding, _FINDING_FIELDS, (
        code, name, practice, _SEVERITIES[severity], message, path, line, column, end_line,
        end_column, fix, tuple(noqa), _CONFIDENCES[confidence],
        tuple(Related(*entry) for entry in related)))


_FINDING_FIELDS = tuple(item.name for item in dataclasses.fields(Finding))
_FIX_FIELDS = tuple(item.name for item in dataclasses.fields(Fix))
_EDIT_FIELDS = tuple(item.name for item in dataclasses.fields(Edit))
_T = TypeVar("_T")


def _built(cls: type[_T], names: tuple[str, ...], values: Sequence[Any]) -> _T:
    """A frozen dataclass filled in directly: a warm run decodes tens of thousands of
    findings, and the generated __init__ (one object.__setattr__ per field) was half of it.
    Valid for these classes: no __slots__, no __post_init__, no validation."""
    built = object.__new__(cls)
    built.__dict__.update(zip(names, values))
    return built


def encode_finding_with_path(finding: Finding) -> list[Any]:
    return [finding.path, *_encode_finding(finding)]


def decode_finding_with_path(item: list[Any]) -> Finding:
    return _decode_finding(item[0], item[1:])


def _checksum(*parts: str) -> int:
    """CRC-32 of an entry's payload: a snapshot cut short or garbled (a partial CI cache
    restore) must be detected, not decoded into wrong findings or a crash."""
    value = 0
    for part in parts:
        value = zlib.crc32(part.encode("utf-8", _NAMES), value)
    return value


def _entry_fields(line: str) -> tuple[list[Any], str, int]:
    """A snapshot line's head fields (key, size, mtime, trusted, facts digest, checksum), its
    findings part, and where its facts start; ValueError when the line is damaged."""
    head_end = line.index("\t")
    body_end = line.index("\t", head_end + 1)
    if line.find("\t", body_end + 1) >= 0:
        raise ValueError("too many fields")
    head = json.loads(line[:head_end])
    body = line[head_end + 1:body_end]
    if type(head) is not list or len(head) != 6:
        raise ValueError("a head of another layout")
    if head[5] != _checksum(body, line[body_end + 1:]):
        raise ValueError("checksum mismatch")
    return head, body, body_end + 1


class ResultCache:
    """Lookups against the snapshot read at the start of a run; `save` writes it back with
    this run's results merged in (temporary file, then rename: a concurrent run sees the old
    snapshot or the new one, never half of one)."""

    def __init__(self, directory: Path, settings_fingerprint: str) -> None:
        self.directory = directory
        self.salt = cache_salt(settings_fingerprint)
        name = hashlib.sha256(self.salt).hexdigest()[:16]
        self.snapshot = directory / f"results-{name}.jsonl"
        self._lines: Optional[dict[str, str]] = None
        self._changed: set[str] = set()
        self._project: Optional[tuple[str, str]] = None
        # Display path → (facts digest, facts text) of the entries this run replaced, as the
        # last project pass saw them (see `shifted_pass`); only the first few are kept.
        self.replaced: dict[str, tuple[str, str]] = {}
        self._started = time.time_ns()
        # Entries that were there but could not be read (a truncated or garbled snapshot,
        # after a partial CI cache restore): ignored and rebuilt; `-v` says so.
        self.unreadable = 0
        # (practices whose project-pass output this run kept, practices it ran), for `-v`.
        self.project_reuse: Optional[tuple[int, int]] = None

    def key(self, display: str, module: str, data: bytes) -> str:
        return content_key(self.salt, display, module, data)

    def _entries(self) -> dict[str, str]:
        """Display path → that file's line, as read from the snapshot (a snapshot written by
        other settings or another version has another name, so is never read)."""
        if self._lines is not None:
            return self._lines
        self._lines = {}
        try:
            with open(self.snapshot, encoding="utf-8", errors=_NAMES) as stream:
                text = stream.read()
        except OSError:
            return self._lines
        lines = text.split("\n")
        if not lines or lines[0] != self.salt.hex():
            # Its name is derived from the salt, so another header means a damaged file.
            self.unreadable += 1
            return self._lines
        for line in lines[1:]:
            path, _, rest = line.partition("\t")
            if rest:
                self._lines[path] = rest
        return self._lines

    def lookup(self, display: str, module: str, real: Path
               ) -> tuple[Optional[FileResult], Optional[os.stat_result]]:
        """The cached result of a file, or None when there is none or it is stale, corrupt or
        foreign; and the file's stat, taken before any read (a result cached under an older
        stat is re-checked next time, never trusted)."""
        try:
            info = os.stat(real)
        except OSError:
            return None, None
        line = self._entries().get(display)
        if line is None:
            return None, info
        try:
            # The facts are left in the line (the cache keeps it to write back): the result
            # reads them from there, so they are not held twice.
            head, body, facts_start = _entry_fields(line)
            key, size, mtime, trusted, facts_digest, _ = head
            if not (trusted and size == info.st_size and mtime == info.st_mtime_ns):
                with open(real, "rb") as stream:
                    data = stream.read()
                if self.key(display, module, data) != key:
                    return None, info
                self._record(display, key, info, body, line[facts_start:], facts_digest)
                line = self._entries()[display]
                facts_start = line.index("\t", line.index("\t") + 1) + 1
            result = decode_result(display, body, line, facts_start)
        except OSError:
            return None, info
        except (ValueError, TypeError, KeyError, IndexError):
            self.unreadable += 1
            return None, info
        result.facts_digest = facts_digest
        return result, info

    def store(self, display: str, key: str, info: os.stat_result, result: FileResult) -> None:
        self._keep_replaced(display)
        body, facts = encode_result(result)
        facts_digest = hashlib.sha256(facts.encode("utf-8", _NAMES)).hexdigest()
        result.facts_digest = facts_digest
        # The cache holds the text now; the result keeps its facts packed.
        result.facts_text = None
        self._record(display, key, info, body, facts, facts_digest)

    def _keep_replaced(self, display: str) -> None:
        old = self._entries().get(display)
        if old is None or display in self.replaced or len(self.replaced) > MAX_CHANGED:
            return
        try:
            head, _, facts_start = _entry_fields(old)
        except (ValueError, TypeError):
            return  # a damaged entry: the project pass just runs
        if isinstance(head[4], str):
            self.replaced[display] = (head[4], old[facts_start:])

    def _record(self, display: str, key: str, info: os.stat_result, body: str, facts: str,
                facts_digest: str) -> None:
        trusted = self._started - info.st_mtime_ns > RACY_NS
        head = json.dumps([key, info.st_size, info.st_mtime_ns, trusted, facts_digest,
                           _checksum(body, facts)])
        self._entries()[display] = f"{head}\t{body}\t{facts}"
        self._changed.add(display)

    def project_result(self, digest: str) -> Optional[Any]:
        """The project pass's output cached for these exact facts, or None."""
        line = self._entries().get(_PROJECT)
        if line is None:
            return None
        cached_digest, _, rest = line.partition("\t")
        if cached_digest != digest:
            return None
        checksum, _, payload = rest.partition("\t")
        try:
            if checksum != str(_checksum(payload)):
                raise ValueError("checksum mismatch")
            return json.loads(payload)
        except ValueError:
            self.unreadable += 1
            return None

    def project_digest(self) -> Optional[str]:
        """The facts digest the cached project pass output belongs to."""
        line = self._entries().get(_PROJECT)
        return None if line is None else line.partition("\t")[0]

    def store_project_result(self, digest: str, payload: Any) -> None:
        text = json.dumps(payload, separators=(",", ":"))
        self._entries()[_PROJECT] = f"{digest}\t{_checksum(text)}\t{text}"
        self._changed.add(_PROJECT)

    def save(self, linted: set[str]) -> None:
        """Write the snapshot if this run changed it. Entries of files this run did not lint
        are kept while the file exists (a pre-commit run lints a few files; the next full run
        still finds the others). Failing to cache is never an error."""
        if not self._changed:
            return
        entries = self._entries()
        kept = [f"{path}\t{line}" for path, line in entries.items()
                if path == _PROJECT or path in linted or os.path.exists(path)]
        text = "\n".join([self.salt.hex(), *kept]) + "\n"
        try:
            self._prepare()
            handle, temporary = tempfile.mkstemp(dir=str(self.directory), suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8", errors=_NAMES) as stream:
                    stream.write(text)
                os.replace(temporary, self.snapshot)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError:
            return
        self._changed.clear()
        self._prune_other_snapshots()

    def _prune_other_snapshots(self) -> None:
        """Each configuration writes its own snapshot: keep the most recently written few, so
        a cache that has seen many configurations does not grow without end."""
        try:
            snapshots = sorted(self.directory.glob("results-*.jsonl"),
                               key=lambda path: path.stat().st_mtime_ns, reverse=True)
            for old in snapshots[_KEPT_SNAPSHOTS:]:
                if old != self.snapshot:
                    old.unlink()
        except OSError:
            pass

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by backendlint.\n*\n", encoding="utf-8")
