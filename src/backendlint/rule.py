"""The base class of every rule, and the contexts a rule reports through."""

from __future__ import annotations

import ast
import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar, Optional

from backendlint.diagnostics import Finding, Fix, FixAvailability, RelatedLocation, Severity

if TYPE_CHECKING:
    from backendlint.context import FileContext, ProjectContext


@dataclasses.dataclass
class PracticeOptions:
    """Options of one practice, read from `[tool.backendlint.<practice>]`.

    A practice declares a subclass with typed fields; config validation reads the field names
    (with `_` written as `-` in TOML) and their types from it.
    """


# Location data that project rules keep in module facts: line, column, end line, end column
# (1-based) and the lines where a suppression comment applies.
Location = dict[str, Any]


class Rule:
    """A check. Subclasses set the class attributes, write a ruff-style docstring, and define
    `visit_<NodeType>` / `leave_<NodeType>` methods that the engine's single traversal calls.

    Rules that need the whole project write module facts in their visit methods
    (`self.ctx.facts`) and override `check_project`, which runs once over all modules' facts.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    practice: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    # Security rules carry a confidence (high/medium/low) and a CWE, as bandit does.
    confidence: ClassVar[Optional[str]] = None
    cwe: ClassVar[Optional[int]] = None
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NONE
    default_enabled: ClassVar[bool] = True
    options_class: ClassVar[type[PracticeOptions]] = PracticeOptions
    # Substrings of which at least one must occur in a file's source for the rule to run on
    # it (cheap early exit); empty means always run.
    requires_any_text: ClassVar[tuple[str, ...]] = ()
    # True when the rule overrides check_project.
    project_level: ClassVar[bool] = False
    # visit_/leave_ methods that do work shared by the rules of a practice (the same function,
    # inherited from a common base): the engine calls each on only the first rule of the file
    # that has it, instead of once per rule. Such a method reports for every rule it serves.
    shared_handlers: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        self.ctx = ctx
        self.options = options

    @property
    def semantic(self) -> Any:
        return self.ctx.semantic

    def report(
        self,
        node: ast.AST,
        message: str,
        *,
        fix: Optional[Fix] = None,
        severity: Optional[Severity] = None,
        end_node: Optional[ast.AST] = None,
    ) -> None:
        self.ctx.add_finding(self, node, message, fix=fix, severity=severity,
                             end_node=end_node)

    def finish(self) -> None:
        """Called once after the traversal of a file."""

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """Report findings that need every module's facts (see ProjectContext.report)."""

    @classmethod
    def make_finding(cls, path: str, location: Location, message: str,
                     severity: Optional[Severity] = None, fix: Optional[Fix] = None,
                     related: tuple[RelatedLocation, ...] = ()) -> Finding:
        return Finding(
            code=cls.code,
            name=cls.name,
            practice=cls.practice,
            severity=severity or cls.severity,
            message=message,
            path=path,
            line=location["line"],
            column=location["column"],
            end_line=location["end_line"],
            end_column=location["end_column"],
            fix=fix,
            noqa_lines=tuple(location.get("noqa", (location["line"],))),
            confidence=cls.confidence or "high",
            related=related,
        )

    @classmethod
    def summary(cls) -> str:
        """The first sentence of `## What it does`, used in listings and SARIF."""
        doc = cls.__doc__ or ""
        section = doc.split("## What it does", 1)[-1].split("##", 1)[0]
        text = " ".join(section.split())
        return text.split(". ")[0].rstrip(".") + "." if text else cls.name
