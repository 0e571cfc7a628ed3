"""The values every part of backendlint passes around: findings, their fixes and severities."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Optional


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Applicability(str, enum.Enum):
    """How far a fix can be trusted (ruff's terms): safe fixes run with --fix alone."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class FixAvailability(str, enum.Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace the text between two 1-based line / 0-based character-column positions."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Edit:
        return cls(data["line"], data["column"], data["end_line"], data["end_column"],
                   data["content"])


@dataclass(frozen=True)
class Fix:
    """Text edits plus imports the edited code needs.

    Fixes are plain data (not libcst transformers) so that a file's findings can be cached and
    sent between processes; the engine applies them and adds the imports with libcst.
    """

    description: str
    applicability: Applicability
    edits: tuple[Edit, ...]
    imports: tuple[tuple[str, Optional[str]], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.description,
            "applicability": self.applicability.value,
            "edits": [edit.to_json() for edit in self.edits],
            "imports": [
                {"module": module, "name": name} for module, name in self.imports
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fix:
        return cls(
            data["message"],
            Applicability(data["applicability"]),
            tuple(Edit.from_json(edit) for edit in data["edits"]),
            tuple((item["module"], item["name"]) for item in data["imports"]),
        )


@dataclass(frozen=True)
class RelatedLocation:
    """Another place that explains a finding: a step of a call chain in another module, or
    where a limiter is set up. Lines and columns 1-based, as in Finding."""

    path: str
    line: int
    column: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "message": self.message}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RelatedLocation:
        return cls(data["path"], data["line"], data["column"], data["message"])


# Confidence levels from most to least certain; a finding of a rule that declares none is high.
CONFIDENCE_LEVELS = ("high", "medium", "low")


@dataclass(frozen=True)
class Finding:
    """One problem at one place. Lines are 1-based, columns 1-based characters."""

    code: str
    name: str
    practice: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Optional[Fix] = None
    # The lines on which a suppression comment applies to this finding (the finding's own line
    # and the first line of its statement).
    noqa_lines: tuple[int, ...] = field(default=(), compare=False)
    # high, medium or low (see CONFIDENCE_LEVELS); None only for findings built by hand.
    confidence: Optional[str] = None
    related: tuple[RelatedLocation, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "practice": self.practice,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix.to_json() if self.fix else None,
            "noqa_lines": list(self.noqa_lines),
            "confidence": self.confidence,
            "related": [item.to_json() for item in self.related],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            data["code"], data["name"], data["practice"], Severity(data["severity"]),
            data["message"], data["path"], data["line"], data["column"], data["end_line"],
            data["end_column"], Fix.from_json(data["fix"]) if data["fix"] else None,
            tuple(data["noqa_lines"]), data.get("confidence"),
            tuple(RelatedLocation.from_json(item) for item in data.get("related", ())),
        )
