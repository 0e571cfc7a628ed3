"""The state of sql-building's per-file pass: the function being walked, the dynamic SQL
built in it that no sink has consumed yet, list fragments, and the helpers that judge a
template's holes. sql_returns.py, sink_checks.py and analysis.py build on it."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from backendlint.core.facts import Span
from backendlint.core.findings import Confidence, Fix
from backendlint.core.rule import FileAnalysis, Rule
from backendlint.knowledge.sql_sinks import DISPLAY_METHODS
from backendlint.practices.sql_building.bl302_dynamic_sql_not_executed_here import StoredDynamicSql
from backendlint.practices.sql_building.bl303_sql_from_request_data import SqlFromRequestData
from backendlint.practices.sql_building.facts import (
    FragmentCall,
    ReturnedSql,
    SinkCall,
)
from backendlint.practices.sql_building.options import SqlBuildingOptions
from backendlint.practices.sql_building.request_data import RequestData
from backendlint.practices.sql_building.rewrite import stored_message
from backendlint.practices.sql_building.sinks import SinkFinder
from backendlint.practices.sql_building.sqltext import (
    SqlShape,
    condition_gate,
    fragment_shape,
    lexical_positions,
    single_quoted_holes,
    sql_shape,
)
from backendlint.practices.sql_building.templates import Hole, Template
from backendlint.practices.sql_building.values import ValueJudge, doubles_single_quote

if TYPE_CHECKING:
    from backendlint.core.context import FileContext
    from backendlint.core.practice import PracticeOptions


@dataclass
class Candidate:
    """Dynamic SQL built in a function that no sink has consumed yet."""

    span: Span
    form: str
    values: list[str]        # the unsafe values interpolated (as source text)
    identifiers: list[str]   # the unsafe identifiers / SQL syntax interpolated
    returned: bool = False
    consumed: bool = False


@dataclass
class FunctionState:
    node: ast.AST
    top_level: bool
    method: tuple[str, str] | None = None  # (class, method) for a method
    candidates: dict[str, Candidate] = field(default_factory=dict)
    # Lists appended to in this function: False once a non-constant string was appended.
    lists: dict[str, bool] = field(default_factory=dict)
    # SQL conditions built from unsafe values and appended to a list, reported when the
    # list is joined into SQL (`" AND ".join(parts)`, `sql.SQL(" AND ").join(parts)`).
    fragments: dict[str, list[Fragment]] = field(default_factory=dict)


@dataclass
class PendingMethods:
    """A sink whose only unsafe holes are results of methods of the same class."""

    methods: list[tuple[str, str]]
    span: Span
    message: str          # the BL304 message, if a method's result cannot be read
    confidence: Confidence
    sink: str
    line: int


@dataclass
class Fragment:
    span: Span
    form: str
    values: list[str]
    identifiers: list[str]
    reported: bool = False
    # A method's returned template whose shape is worked out only if a sink runs it.
    template: Template | None = None

    def judge(self) -> None:
        if self.template is None:
            return
        literals = self.template.literals()
        shape = fragment_shape(literals)
        if not shape.is_sql:
            shape = SqlShape(True, lexical_positions(literals), confirmed=False)
        values, identifiers = hole_levels(self.template, shape)
        self.values, self.identifiers = shown(values), shown(identifiers)
        self.template = None


class SqlPass(FileAnalysis):
    """The state of sql-building's pass over one file and the questions every part of it
    asks: the function being walked, its dynamic SQL candidates and list fragments, what a
    name was last assigned."""

    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        super().__init__(ctx, options, enabled)
        assert isinstance(options, SqlBuildingOptions)
        self.sql_options = options
        # Reads templates and judges their holes.
        self.templates = ValueJudge(ctx.semantic, options, self.list_is_safe)
        self.requests = RequestData(ctx.semantic)
        self.sinks = SinkFinder(ctx.semantic, options)
        self.functions: list[FunctionState] = [FunctionState(ctx.tree, False)]
        self.returns: dict[str, ReturnedSql] = {}
        self.sink_calls: dict[str, SinkCall] = {}
        # What each method returns, by (class, method): "safe", "unknown", or the SQL
        # conditions built from unsafe values it returns (`def _where(self): return
        # f"name = '{self.name}'"`), for sinks in other methods that interpolate its result.
        self.method_returns: dict[tuple[str, str], list[Fragment] | str] = {}
        self.pending: list[PendingMethods] = []
        # The same for top-level functions, by name, and the sinks whose unsafe holes are
        # all calls of project functions (read by the project pass, across modules).
        self.function_returns: dict[str, list[Fragment] | str] = {}
        self.fragment_calls: list[FragmentCall] = []
        self._reported_fragments: set[tuple[int, int]] = set()
        # Dynamic SQL statements returned by methods, by (class, method), and the sinks in
        # the same class that run a method's result (`q = self._build(...); cur.execute(q)`).
        self.method_statements: dict[tuple[str, str], list[Candidate]] = {}
        self.method_sinks: dict[tuple[str, str], tuple[str, int]] = {}
        self.bl303_enabled = self.wants(SqlFromRequestData)

    def _report_at(self, rule: type[Rule], span: Span, message: str,
                   fix: Optional[Fix] = None, confidence: Optional[Confidence] = None) -> None:
        """A detection decided after its statement was left (the span was taken then, with
        the lines a suppression comment applies to)."""
        if self.wants(rule):
            self.ctx.findings.append(rule.make_finding(self.ctx.path, span, message, fix=fix,
                                                       confidence=confidence))

    @property
    def function(self) -> FunctionState:
        return self.functions[-1]

    def line(self) -> int:
        stack = self.ctx.statement_stack
        return stack[-1].lineno if stack else 0

    def list_is_safe(self, name: str) -> bool:
        return self.function.lists.get(name, True)

    # -- scopes ------------------------------------------------------------------------
    def enter_function(self, node: ast.AST) -> None:
        scope = self.ctx.semantic.scope
        top_level = scope.kind == "module"
        method = None
        if scope.kind == "class" and isinstance(scope.node, ast.ClassDef):
            method = (scope.node.name, getattr(node, "name", ""))
        self.functions.append(FunctionState(node, top_level, method))

    def leave_function(self) -> None:
        state = self.functions.pop()
        self._flush(state)

    def _flush(self, state: FunctionState) -> None:
        for candidate in state.candidates.values():
            if candidate.consumed:
                continue
            if self.ctx.is_test_file and not candidate.returned:
                continue  # tests build expected SQL text for their assertions
            if candidate.returned and state.top_level:
                name = getattr(state.node, "name", "")
                self.returns.setdefault(name, ReturnedSql(
                    candidate.span, candidate.form, candidate.values, candidate.identifiers))
                continue
            if candidate.returned and state.method is not None:
                # Decided at the end of the file: a sink in another method may run it.
                self.method_statements.setdefault(state.method, []).append(candidate)
                continue
            if candidate.values:
                # Identifiers alone, not seen executed: nothing to say until they run.
                self._report_at(StoredDynamicSql, candidate.span, stored_message(
                    candidate.form, candidate.returned, candidate.values))

    def _function_conditions(self) -> tuple[dict[str, ReturnedSql], list[str]]:
        """What the top-level functions return, for sinks in any module that interpolate
        their result: the first condition built from unsafe values, or safe text only."""
        conditions: dict[str, ReturnedSql] = {}
        safe: list[str] = []
        for name, verdict in self.function_returns.items():
            if verdict == "safe":
                safe.append(name)
            elif isinstance(verdict, list):
                for fragment in verdict:
                    fragment.judge()
                    if fragment.values:
                        conditions[name] = ReturnedSql(fragment.span, fragment.form,
                                                       fragment.values, fragment.identifiers)
                        break
        return conditions, sorted(safe)

    def _is_quiet_call(self, node: ast.Call) -> bool:
        """Logging, printing and exceptions only show a string; never a place SQL runs."""
        qualified = self.ctx.semantic.qualified_name(node.func) or ""
        if qualified.startswith(("builtins.", "logging.", "warnings.")):
            return True
        if isinstance(node.func, ast.Attribute):
            return node.func.attr in DISPLAY_METHODS or node.func.attr in ("format", "join")
        return False

    def _record_append(self, node: ast.Call) -> None:
        func = node.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and func.attr in ("append", "extend", "insert") and node.args):
            return
        self._track_list(func.value.id, node.args[-1], func.attr == "append")

    def _track_list(self, name: str, value: ast.expr, single: bool = False) -> None:
        line = self.line()
        if single:
            safe = self.templates.is_safe(value, line, 0) or self._fragment(name, value, line)
        else:
            safe = self.templates.safe_items(value, line, 0)
        lists = self.function.lists
        lists[name] = lists.get(name, True) and safe

    def _fragment(self, name: str, value: ast.expr, line: int) -> bool:
        """`parts.append(f"name = '{name}'")`: a SQL condition built from unsafe values. It
        is judged here, where it is built (and reported when the list is joined into SQL), so
        the list itself counts as composed SQL."""
        template = self.templates.of(value, line)
        if template is None or not template.holes or \
                not condition_gate(template.literals()) or not template.dynamic:
            return False
        literals = template.literals()
        shape = fragment_shape(literals)
        if not shape.is_sql:
            # An operator from a helper (`{op}`) can keep the parser out; a hole inside a
            # quoted literal still says where the value goes.
            positions = lexical_positions(literals)
            if "value" not in positions and "partial" not in positions or \
                    not any("'" in literal for literal in literals):
                return False
            shape = SqlShape(True, positions, confirmed=False)
        values, identifiers = hole_levels(template, shape)
        self.function.fragments.setdefault(name, []).append(Fragment(
            self.ctx.span(value), template.form, shown(values), shown(identifiers)))
        return True

    def _condition_fragments(self, value: ast.expr, line: int) -> list[Fragment]:
        """The SQL condition `value` builds from unsafe values, as a fragment (empty when it
        is not a condition or nothing in it is unsafe)."""
        template = self.templates.of(value, line)
        if template is None or not template.holes or not template.dynamic or \
                not condition_gate(template.literals()):
            return []
        shape = fragment_shape(template.literals())
        if not shape.is_sql:
            return []
        values, identifiers = hole_levels(template, shape)
        if not values:
            return []
        return [Fragment(self.ctx.span(value), template.form, shown(values),
                          shown(identifiers))]

    def _call_passed(self, argument: ast.expr, line: int) -> Optional[ast.Call]:
        """The call whose result a sink's argument is: the argument itself (awaited or not),
        or what the name was last assigned before `line` (`q = build(...); execute(q)`)."""
        call = argument
        if isinstance(argument, ast.Name):
            binding = self.ctx.semantic.lookup(argument.id, before_line=line)
            if binding is None or binding.kind != "assign" or binding.value is None:
                return None
            call = binding.value
        if isinstance(call, ast.Await):
            call = call.value
        return call if isinstance(call, ast.Call) else None

    def _candidate(self, template: Template, node: ast.expr) -> Candidate | None:
        """Dynamic SQL that sqlglot confirmed (a string judged by keywords alone is reported
        only where a sink runs it), with its unsafe values and identifiers."""
        if not template.holes:
            return None
        shape = sql_shape(template.literals())
        if not shape.is_sql or not shape.confirmed or not template.dynamic:
            return None
        values, identifiers = hole_levels(template, shape)
        return Candidate(self.ctx.span(node), template.form, shown(values),
                          shown(identifiers))

    def _is_dynamic_sql(self, template: Template) -> bool:
        return bool(template.holes) and sql_shape(template.literals()).is_sql and \
            template.dynamic


# `ast.TemplateStr` exists from Python 3.14 on; older interpreters cannot parse t-strings.
TEMPLATE_STR: Optional[type] = getattr(ast, "TemplateStr", None)
CONFIDENCE_HIGH = (Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)
CONFIDENCE_MEDIUM = (Confidence.MEDIUM, Confidence.LOW, Confidence.LOW)


def hole_levels(template: Template, shape: SqlShape) -> tuple[list[Hole], list[Hole]]:
    """The unsafe holes in a value position (a quoted literal, a comparison operand, IN,
    LIMIT, SET ... =) and those in an identifier or syntax position."""
    values: list[Hole] = []
    identifiers: list[Hole] = []
    quoted = single_quoted_holes(template.literals())
    for index, hole in enumerate(template.holes):
        if hole.safe:
            continue
        position = shape.positions[index] if index < len(shape.positions) else "identifier"
        if position in ("value", "partial"):
            if not (quoted[index] and doubles_single_quote(hole.expr)):
                values.append(hole)
        else:
            identifiers.append(hole)
    return values, identifiers


IN_LIST = re.compile(r"\bin\s*\(\s*$", re.IGNORECASE)


def plain_values(template: Template, values: list[Hole]) -> list[Hole]:
    """The values that sit inside a single-quoted literal or open an `IN (...)` list."""
    literals = template.literals()
    quoted = single_quoted_holes(literals)
    chosen = {id(hole) for index, hole in enumerate(template.holes)
              if quoted[index] or IN_LIST.search(literals[index])}
    return [hole for hole in values if id(hole) in chosen]


def shown(holes: list[Hole]) -> list[str]:
    return list(dict.fromkeys(ast.unparse(hole.expr) for hole in holes))


def names_of(holes: list[Hole]) -> str:
    return ", ".join(f"`{name}`" for name in shown(holes))


def is_or_are(holes: list[Hole]) -> str:
    return "is" if len(shown(holes)) == 1 else "are"


# `QuerySet.extra()`'s parameters in order, and the statement each fragment is read inside.
EXTRA_PARAMETERS = ("select", "where", "params", "tables", "order_by", "select_params")
EXTRA_WRAPS = {"select": ("SELECT ", " FROM t"), "where": ("SELECT 1 FROM t WHERE ", ""),
                "tables": ("SELECT 1 FROM ", ""), "order_by": ("SELECT 1 FROM t ORDER BY ", "")}


def in_other_branches(function: ast.AST, first: int, second: int) -> bool:
    """Whether two lines lie in different branches of one `if` (body and else) in a
    function, so that either assignment can be the one a later statement reads."""
    for node in ast.walk(function):
        if isinstance(node, ast.If) and node.body and node.orelse:
            body = (node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno)
            orelse = (node.orelse[0].lineno,
                      node.orelse[-1].end_lineno or node.orelse[-1].lineno)
            inside = [body[0] <= line <= body[1] for line in (first, second)]
            other = [orelse[0] <= line <= orelse[1] for line in (first, second)]
            if (inside[0] and other[1]) or (other[0] and inside[1]):
                return True
    return False
