"""What the analysis hands a table-driven rule: one classified blocking call, and the base
class of the rules that report such calls (their message and, for some, a fix)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal, Optional

from backendlint.core.findings import Edit, Fix
from backendlint.core.rule import Rule
from backendlint.knowledge.blocking_calls import Category

if TYPE_CHECKING:
    from backendlint.core.context import FileContext, ProjectContext
    from backendlint.core.practice import PracticeOptions

FixKind = Literal["sleep", "twin"]


@dataclass(frozen=True)
class Blocking:
    """One blocking call: its category, how messages name it, and what to do instead when the
    detection knows better than the rule's own hint."""

    category: Category
    label: str
    hint: Optional[str] = None
    fix: Optional[FixKind] = None
    twin: Optional[str] = None  # the Django async method that replaces the call
    configured: bool = False  # from `extra-blocking-calls`
    canonical: Optional[str] = None  # the table's name of the call


class BlockingCallRule(Rule):
    """A table-driven rule of the practice: the analysis classifies each call once and reports
    it for the rule of its category. A rule says what its calls are (`kind`), what to use
    instead (`hint`) and, optionally, how to fix one."""

    kind: ClassVar[str]
    hint: ClassVar[str]
    project_level = True

    @classmethod
    def message(cls, blocking: Blocking) -> str:
        if blocking.configured:
            kind = "is listed in `extra-blocking-calls`"
            hint = blocking.hint or "run it with `await asyncio.to_thread(...)`"
        else:
            kind, hint = cls.kind, blocking.hint or cls.hint
        return f"{_quoted(blocking.label)} {kind} and blocks the event loop; {hint}"

    @classmethod
    def fix(cls, ctx: FileContext, node: ast.Call, blocking: Blocking) -> Optional[Fix]:
        return None

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        # Calls only the project index resolves (a module alias re-exported by a project
        # module, a method on what a project function returns); one pass reports them for
        # every rule of the practice.
        from backendlint.practices.async_blocking.crossmodule import ResolvedCalls

        project.computed(lambda: ResolvedCalls(project, options), ResolvedCalls)


def _quoted(label: str) -> str:
    """Call labels are quoted as code; descriptions (`len()` of a queryset) carry their own."""
    return label if "`" in label or label.startswith("iterating") else f"`{label}`"


def await_edits(ctx: FileContext, node: ast.Call) -> list[Edit]:
    """Turn a call into an awaited one, with parentheses when the result is used as a primary
    (`(await Model.objects.aget(id=1)).name`)."""
    if _already_awaited(ctx, node):
        return []
    if _continues_as_primary(ctx, node):
        return [ctx.insert_before(node, "(await "), ctx.insert_after(node, ")")]
    return [ctx.insert_before(node, "await ")]


def _already_awaited(ctx: FileContext, node: ast.Call) -> bool:
    location = ctx.location(node)
    before = ctx.source.line(location["line"])[: location["column"] - 1].rstrip()
    if not before.endswith("await"):
        return False
    head = before[: -len("await")]
    return not head or not (head[-1].isalnum() or head[-1] == "_")


def _continues_as_primary(ctx: FileContext, node: ast.Call) -> bool:
    location = ctx.location(node)
    line_number, column = location["end_line"], location["end_column"] - 1
    source = ctx.source
    statement = ctx.statement_stack[-1] if ctx.statement_stack else None
    last_line = (statement.end_lineno if statement is not None and statement.end_lineno
                 else line_number)
    while line_number <= last_line:
        rest = source.line(line_number)[column:].strip()
        if rest and not rest.startswith("#"):
            return rest[0] in ".[("
        line_number, column = line_number + 1, 0
    return False
