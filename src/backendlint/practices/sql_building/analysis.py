"""sql-building's shared per-file work: one pass classifies every string build, sink call and
return, and reports for the rule each detection belongs to.

Where findings go (so nothing is reported twice):
- BL301 (per file) is reported on the SQL argument of the sink call; when the string was built
  in earlier statements the message names the line of the build.
- BL301 (project pass) is reported at the build site inside a project function whose returned
  SQL reaches a sink in another function; the sink call itself is not reported.
- BL302 is reported at the build site of dynamic SQL that no sink in the function consumes; for
  a returned string only when the project pass sees no sink consuming the function's result.
- BL303 replaces BL301 on a sink call whose SQL carries request data (when BL303 is enabled).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from backendlint.core.facts import Span
from backendlint.core.findings import Fix
from backendlint.core.rule import FileAnalysis, Rule
from backendlint.knowledge import sql_sinks
from backendlint.knowledge.sql_sinks import DISPLAY_METHODS, Sink
from backendlint.practices.sql_building.bl301_sql_injection_reaches_sink import (
    SqlInjectionReachesSink,
)
from backendlint.practices.sql_building.bl302_dynamic_sql_not_executed_here import (
    StoredDynamicSql,
)
from backendlint.practices.sql_building.bl303_sql_from_request_data import SqlFromRequestData
from backendlint.practices.sql_building.facts import ReturnedSql, SinkCall, SqlBuildingFacts
from backendlint.practices.sql_building.options import SqlBuildingOptions
from backendlint.practices.sql_building.request_data import RequestData
from backendlint.practices.sql_building.rewrite import (
    article,
    parameterised_fix,
    rewrite_advice,
    stored_message,
)
from backendlint.practices.sql_building.sinks import SinkFinder
from backendlint.practices.sql_building.sqltext import sql_shape
from backendlint.practices.sql_building.templates import Hole, Template
from backendlint.practices.sql_building.values import ValueJudge

if TYPE_CHECKING:
    from backendlint.core.context import FileContext
    from backendlint.core.practice import PracticeOptions


@dataclass
class _Candidate:
    """Dynamic SQL built in a function that no sink has consumed yet."""

    span: Span
    form: str
    returned: bool = False
    consumed: bool = False


@dataclass
class _FunctionState:
    node: ast.AST
    top_level: bool
    candidates: dict[str, _Candidate] = field(default_factory=dict)
    # Lists appended to in this function: False once a non-constant string was appended.
    lists: dict[str, bool] = field(default_factory=dict)




class SqlBuildingAnalysis(FileAnalysis):
    """The practice's visitor: the engine runs it once per file for the three rules."""

    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        super().__init__(ctx, options, enabled)
        assert isinstance(options, SqlBuildingOptions)
        self.sql_options = options
        # Reads templates and judges their holes.
        self.templates = ValueJudge(ctx.semantic, options, self.list_is_safe)
        self.requests = RequestData(ctx.semantic)
        self.sinks = SinkFinder(ctx.semantic, options)
        self.functions: list[_FunctionState] = [_FunctionState(ctx.tree, False)]
        self.returns: dict[str, ReturnedSql] = {}
        self.sink_calls: dict[str, SinkCall] = {}
        self.bl303_enabled = self.wants(SqlFromRequestData)

    # -- the traversal -----------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.enter_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.enter_function(node)

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.leave_function()

    def leave_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.leave_function()

    def visit_Assign(self, node: ast.Assign) -> None:
        self.assignment(node.targets, node.value, augmented=False)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.assignment([node.target], node.value, augmented=False)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, ast.Add):
            self.assignment([node.target], node.value, augmented=True)

    def visit_Return(self, node: ast.Return) -> None:
        self.returned(node.value)

    def visit_Call(self, node: ast.Call) -> None:
        self.call(node)

    def _report_at(self, rule: type[Rule], span: Span, message: str,
                   fix: Optional[Fix] = None) -> None:
        """A detection decided after its statement was left (the span was taken then, with
        the lines a suppression comment applies to)."""
        if self.wants(rule):
            self.ctx.findings.append(rule.make_finding(self.ctx.path, span, message, fix=fix))

    @property
    def function(self) -> _FunctionState:
        return self.functions[-1]

    def line(self) -> int:
        stack = self.ctx.statement_stack
        return stack[-1].lineno if stack else 0

    # -- scopes ------------------------------------------------------------------------
    def enter_function(self, node: ast.AST) -> None:
        top_level = self.ctx.semantic.scope.kind == "module"
        self.functions.append(_FunctionState(node, top_level))

    def leave_function(self) -> None:
        state = self.functions.pop()
        self._flush(state)

    def _flush(self, state: _FunctionState) -> None:
        for candidate in state.candidates.values():
            if candidate.consumed:
                continue
            if self.ctx.is_test_file and not candidate.returned:
                continue  # tests build expected SQL text for their assertions
            if candidate.returned and state.top_level:
                name = getattr(state.node, "name", "")
                self.returns.setdefault(name, ReturnedSql(candidate.span, candidate.form))
                continue
            self._report_at(StoredDynamicSql, candidate.span,
                            stored_message(candidate.form, candidate.returned))

    def finish(self) -> None:
        while len(self.functions) > 1:
            self.leave_function()
        self._flush(self.functions[0])
        calls = sorted(self.sink_calls.values(), key=lambda call: (call.span.line, call.callee))
        self.ctx.set_facts(SqlBuildingFacts(self.returns, calls))

    # -- statements that keep or return a built string -----------------------------------
    def assignment(self, targets: list[ast.expr], value: ast.expr | None,
                   augmented: bool) -> None:
        if value is None:
            return
        line = self.line()
        for target in targets:
            if isinstance(target, ast.Name):
                template = self.templates.of(target, line) if augmented else \
                    self.templates.of(value, line - 1)
                key = f"var:{target.id}"
            else:
                template = self.templates.of(value, line)
                key = f"node:{id(value)}"
            if template is None or not self._is_dynamic_sql(template):
                continue
            if key not in self.function.candidates:
                self.function.candidates[key] = _Candidate(self.ctx.span(value), template.form)
        if augmented and len(targets) == 1 and isinstance(targets[0], ast.Name):
            self._track_list(targets[0].id, value)

    def returned(self, value: ast.expr | None) -> None:
        if value is None:
            return
        template = self.templates.of(value, self.line())
        if template is None or not self._is_dynamic_sql(template):
            return
        key = f"var:{template.variable}" if template.variable else f"node:{id(value)}"
        candidate = self.function.candidates.setdefault(
            key, _Candidate(self.ctx.span(value), template.form))
        candidate.returned = True

    # -- calls -------------------------------------------------------------------------
    def call(self, node: ast.Call) -> None:
        self._record_append(node)
        sink = self.sinks.sink_of(node)
        if sink is not None:
            self._check_sink(node, sink)
            return
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            if isinstance(argument, (ast.JoinedStr, ast.BinOp, ast.Call)):
                template = self.templates.of(argument, self.line())
                if template is not None and template.variable is None and \
                        self._is_dynamic_sql(template) and not self._is_quiet_call(node):
                    self.function.candidates.setdefault(
                        f"node:{id(argument)}",
                        _Candidate(self.ctx.span(argument), template.form))

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
            safe = self.templates.is_safe(value, line, 0)
        else:
            safe = self.templates.safe_items(value, line, 0)
        lists = self.function.lists
        lists[name] = lists.get(name, True) and safe

    def list_is_safe(self, name: str) -> bool:
        return self.function.lists.get(name, True)

    def _check_sink(self, node: ast.Call, sink: Sink) -> None:
        if sink.label.startswith("Django `QuerySet.extra"):
            self._check_extra(node, sink)
            return
        argument = self.sinks.sql_argument(node, sink)
        if argument is None:
            return
        line = self.line()
        template = self.templates.of(argument, line)
        if template is None:
            if self.sinks.statement_object(argument):
                return
            if sink.confirmed and self.requests.is_request(argument, line, 0):
                self._report_request(node, argument, sink, None)
            else:
                self._record_project_call(argument, sink, line)
            return
        if not self._is_dynamic_sql(template):
            return
        self._consume(template, argument)
        requested = [h for h in template.holes if not h.safe and self.requests.is_request(h.expr, line, 0)]
        if requested and self.bl303_enabled:
            self._report_request(node, argument, sink, requested)
            return
        self._report_sink(node, argument, sink, template)

    def _check_extra(self, node: ast.Call, sink: Sink) -> None:
        """`QuerySet.extra(where=[...], select={...})` takes SQL fragments, not statements."""
        line = self.line()
        for keyword in node.keywords:
            if keyword.arg == "where" and isinstance(keyword.value, (ast.List, ast.Tuple)):
                fragments = keyword.value.elts
                wrap = "SELECT 1 FROM t WHERE "
            elif keyword.arg == "select" and isinstance(keyword.value, ast.Dict):
                fragments = list(keyword.value.values)
                wrap = "SELECT "
            else:
                continue
            for fragment in fragments:
                template = self.templates.of(fragment, line)
                if template is None or not template.dynamic:
                    continue
                literals = template.literals()
                shape = sql_shape((wrap + literals[0], *literals[1:]))
                if shape.is_sql:
                    self._report_sink(node, fragment, sink, template, allow_fix=False)

    def _consume(self, template: Template, argument: ast.expr) -> None:
        keys = [f"node:{id(argument)}"]
        if template.variable:
            keys.append(f"var:{template.variable}")
        if template.build is not None:
            keys.append(f"node:{id(template.build)}")
        for key in keys:
            candidate = self.function.candidates.get(key)
            if candidate is not None:
                candidate.consumed = True

    def _record_project_call(self, argument: ast.expr, sink: Sink, line: int) -> None:
        """`execute(build_query(...))` or `q = build_query(...); execute(q)`: remember the
        called function so the project pass can blame the SQL it returns."""
        call = argument
        if isinstance(argument, ast.Name):
            binding = self.ctx.semantic.lookup(argument.id, before_line=line)
            if binding is None or binding.kind != "assign" or binding.value is None:
                return
            call = binding.value
        if isinstance(call, ast.Await):
            call = call.value
        if not isinstance(call, ast.Call):
            return
        callee = self.ctx.semantic.qualified_name(call.func)
        if not callee or callee.startswith("builtins."):
            return
        span = self.ctx.span(argument)
        self.sink_calls[f"{callee}@{span.line}"] = SinkCall(callee, sink.label, span)

    def _is_dynamic_sql(self, template: Template) -> bool:
        return bool(template.holes) and sql_shape(template.literals()).is_sql and \
            template.dynamic

    # -- messages and fixes --------------------------------------------------------------
    def _report_sink(self, node: ast.Call, argument: ast.expr, sink: Sink,
                     template: Template, allow_fix: bool = True) -> None:
        shape = sql_shape(template.literals())
        unsafe = [i for i, hole in enumerate(template.holes) if not hole.safe]
        identifiers = [i for i in unsafe if shape.positions[i:i + 1] != ("value",)
                       and shape.positions[i:i + 1] != ("partial",)]
        where = ""
        if template.variable is not None and template.build is not None:
            where = f" (built with {article(template.form)} on line {template.build.lineno})"
        message = (f"SQL built with {article(template.form)} from non-constant values "
                   f"reaches {sink.label}{where}; ")
        if identifiers:
            shown = dict.fromkeys(ast.unparse(template.holes[i].expr) for i in identifiers)
            names = ", ".join(f"`{name}`" for name in shown)
            message += (f"{names} is interpolated as a table/column name or SQL syntax: check it "
                        "against an allow-list or compose it with `psycopg.sql.Identifier`")
            fix = None
        else:
            message += rewrite_advice(self.ctx.source.segment(node.func) or "execute", sink,
                                      template, shape)
            fix = parameterised_fix(self.ctx, node, argument, sink, template, shape) \
                if allow_fix else None
        self.report(SqlInjectionReachesSink, argument, message, fix=fix)

    def _report_request(self, node: ast.Call, argument: ast.expr, sink: Sink,
                        requested: list[Hole] | None) -> None:
        if not requested:
            what = f"`{ast.unparse(argument)}` comes straight from the request"
        else:
            names = ", ".join(f"`{ast.unparse(h.expr)}`" for h in requested)
            what = f"request data ({names}) is interpolated into the SQL text"
        style = sql_sinks.STYLE_NAMES.get(sink.style or "", "the driver's placeholders")
        message = (f"{sink.label} runs SQL where {what}: a client can rewrite the query; bind "
                   f"the values as parameters with {style} placeholders and check identifiers "
                   "against an allow-list")
        self.report(SqlFromRequestData, argument, message)
