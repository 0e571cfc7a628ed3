"""The values every part of backendlint passes around: findings, their fixes and severities."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Optional


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Confidence(str, enum.Enum):
    """How sure a finding is that it names a real problem (bandit's scale). A rule declares a
    default; a detection lowers it when it had to guess (an unresolved receiver, a branch the
    code may not take, a setup it could not see)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """3 for high down to 1 for low: `--min-confidence` keeps findings at or above one."""
        return {"high": 3, "medium": 2, "low": 1}[self.value]

    def lowered(self) -> Confidence:
        return Confidence.LOW if self is not Confidence.HIGH else Confidence.MEDIUM


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
class Related:
    """Another place that explains a finding: a step of a call chain, a setup in another
    module, another call site of the same blocking helper. Lines and columns are 1-based."""

    path: str
    line: int
    column: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "message": self.message}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Related:
        return cls(data["path"], data["line"], data["column"], data["message"])


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
    confidence: Confidence = Confidence.HIGH
    related: tuple[Related, ...] = field(default=(), compare=False)

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
            "confidence": self.confidence.value,
            "related": [item.to_json() for item in self.related],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            data["code"], data["name"], data["practice"], Severity(data["severity"]),
            data["message"], data["path"], data["line"], data["column"], data["end_line"],
            data["end_column"], Fix.from_json(data["fix"]) if data["fix"] else None,
            tuple(data["noqa_lines"]), Confidence(data.get("confidence", "high")),
            tuple(Related.from_json(item) for item in data.get("related", ())),
        )


# Confidence levels from most to least certain (`--min-confidence` takes one).
CONFIDENCE_LEVELS = tuple(level.value for level in Confidence)
