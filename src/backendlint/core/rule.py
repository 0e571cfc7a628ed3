"""The base class of every rule, and the contexts a rule reports through."""

from __future__ import annotations

import ast
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, Optional

from backendlint.core.facts import Span
from backendlint.core.findings import (
    Confidence,
    Finding,
    Fix,
    FixAvailability,
    Related,
    Severity,
)
from backendlint.core.practice import PracticeOptions
from backendlint.knowledge.lowercase_names import LOWERCASE_NAMES

if TYPE_CHECKING:
    from backendlint.core.context import FileContext, ProjectContext
    from backendlint.semantic.model import SemanticModel


# Location data that project rules keep in module facts: line, column, end line, end column
# (1-based) and the lines where a suppression comment applies.
Location = dict[str, Any]


def _noqa_lines(location: Location | Span) -> tuple[int, ...]:
    if isinstance(location, Span):
        return location.noqa or (location.line,)
    return tuple(location.get("noqa", (location["line"],)))


def sentence_case(message: str) -> str:
    """Every message starts like a sentence: a capital, code in backticks, or a package name
    that is written in lower case (`sqlite3`)."""
    if not message or not message[0].islower():
        return message
    if message.split(" ", 1)[0] in LOWERCASE_NAMES:
        return message
    return message[0].upper() + message[1:]


class Visitor:
    """What the single traversal calls: `visit_<NodeType>` before a node's children and
    `leave_<NodeType>` after them, then `finish()` once per file. Rules and practice analyses
    are visitors; neither walks the tree itself."""

    ctx: FileContext

    @property
    def label(self) -> str:
        """How internal errors name this visitor."""
        return type(self).__name__

    if TYPE_CHECKING:
        @property
        def semantic(self) -> SemanticModel: ...
    else:
        # `self.ctx.semantic` without a Python frame: rules ask for it half a million times
        # in a run on Django.
        semantic = property(attrgetter("ctx.semantic"))

    def finish(self) -> None:
        """Called once after the traversal of a file."""


class Rule(Visitor):
    """A check, in its own file under its practice's package. Subclasses set the class
    attributes and write a ruff-style docstring. Then either:

    - self-contained: define `visit_<NodeType>` methods and call `self.report(...)`;
    - table-driven: define no visit methods; the practice's `FileAnalysis` classifies nodes
      and reports for this class (`analysis.report(ThisRule, node, message)`);
    - project rule: override `check_project`, which reads every module's typed facts.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    # Set by the registry from the practice package the rule lives in.
    practice: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    # The confidence of a typical finding; a detection may lower it (bandit's scale).
    confidence: ClassVar[Confidence] = Confidence.HIGH
    cwe: ClassVar[Optional[int]] = None
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NONE
    default_enabled: ClassVar[bool] = True
    options_class: ClassVar[type[PracticeOptions]] = PracticeOptions
    # Substrings of which at least one must occur in a file's source for the rule to run on
    # it (cheap early exit); empty means always run.
    requires_any_text: ClassVar[tuple[str, ...]] = ()
    # True when the rule overrides check_project.
    project_level: ClassVar[bool] = False
    # Legacy sharing of visit methods between the rules of a practice; new code uses a
    # practice's FileAnalysis instead.
    shared_handlers: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        self.ctx = ctx
        self.options = options

    @property
    def label(self) -> str:
        return self.code

    def report(
        self,
        node: ast.AST,
        message: str,
        *,
        fix: Optional[Fix] = None,
        severity: Optional[Severity] = None,
        end_node: Optional[ast.AST] = None,
        confidence: Optional[Confidence] = None,
        related: tuple[Related, ...] = (),
    ) -> None:
        self.ctx.add_finding(type(self), node, message, fix=fix, severity=severity,
                             end_node=end_node, confidence=confidence, related=related)

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """Report findings that need every module's facts (see ProjectContext.report)."""

    @classmethod
    def make_finding(cls, path: str, location: Location | Span, message: str,
                     severity: Optional[Severity] = None, fix: Optional[Fix] = None,
                     confidence: Optional[Confidence] = None,
                     related: tuple[Related, ...] = ()) -> Finding:
        return Finding(
            code=cls.code,
            name=cls.name,
            practice=cls.practice,
            severity=severity or cls.severity,
            message=sentence_case(message),
            path=path,
            line=location.line if isinstance(location, Span) else location["line"],
            column=location.column if isinstance(location, Span) else location["column"],
            end_line=location.end_line if isinstance(location, Span) else location["end_line"],
            end_column=(location.end_column if isinstance(location, Span)
                        else location["end_column"]),
            fix=fix,
            noqa_lines=_noqa_lines(location),
            confidence=confidence or cls.confidence,
            related=related,
        )

    @classmethod
    def summary(cls) -> str:
        """The first sentence of `## What it does`, used in listings and SARIF."""
        doc = cls.__doc__ or ""
        section = doc.split("## What it does", 1)[-1].split("##", 1)[0]
        text = " ".join(section.split())
        return text.split(". ")[0].rstrip(".") + "." if text else cls.name


class FileAnalysis(Visitor):
    """Work the table-driven rules of one practice share in one file: it classifies each node
    once (usually by a `knowledge/` table) and reports for whichever rule class the node
    belongs to. The engine creates one per file when any rule of the practice is enabled;
    `report` drops detections of rules that are not."""

    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        self.ctx = ctx
        self.options = options
        self.enabled = enabled

    def wants(self, rule: type[Rule]) -> bool:
        return rule in self.enabled

    def report(
        self,
        rule: type[Rule],
        node: ast.AST,
        message: str,
        *,
        fix: Optional[Fix] = None,
        severity: Optional[Severity] = None,
        end_node: Optional[ast.AST] = None,
        confidence: Optional[Confidence] = None,
        related: tuple[Related, ...] = (),
    ) -> None:
        if rule in self.enabled:
            self.ctx.add_finding(rule, node, message, fix=fix, severity=severity,
                                 end_node=end_node, confidence=confidence, related=related)
