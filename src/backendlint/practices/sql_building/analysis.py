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
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from backendlint.core.facts import Span
from backendlint.core.findings import Confidence, Fix
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
from backendlint.practices.sql_building.bl304_sql_identifier_interpolated import (
    SqlIdentifierInterpolated,
)
from backendlint.practices.sql_building.facts import (
    FragmentCall,
    ReturnedSql,
    SinkCall,
    SqlBuildingFacts,
)
from backendlint.practices.sql_building.options import SqlBuildingOptions
from backendlint.practices.sql_building.request_data import RequestData
from backendlint.practices.sql_building.rewrite import (
    article,
    parameterised_fix,
    rewrite_advice,
    stored_message,
)
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
from backendlint.semantic.analyze.attributes import called_name

if TYPE_CHECKING:
    from backendlint.core.context import FileContext
    from backendlint.core.practice import PracticeOptions


@dataclass
class _Candidate:
    """Dynamic SQL built in a function that no sink has consumed yet."""

    span: Span
    form: str
    values: list[str]        # the unsafe values interpolated (as source text)
    identifiers: list[str]   # the unsafe identifiers / SQL syntax interpolated
    returned: bool = False
    consumed: bool = False


@dataclass
class _FunctionState:
    node: ast.AST
    top_level: bool
    method: tuple[str, str] | None = None  # (class, method) for a method
    candidates: dict[str, _Candidate] = field(default_factory=dict)
    # Lists appended to in this function: False once a non-constant string was appended.
    lists: dict[str, bool] = field(default_factory=dict)
    # SQL conditions built from unsafe values and appended to a list, reported when the
    # list is joined into SQL (`" AND ".join(parts)`, `sql.SQL(" AND ").join(parts)`).
    fragments: dict[str, list[_Fragment]] = field(default_factory=dict)


@dataclass
class _PendingMethods:
    """A sink whose only unsafe holes are results of methods of the same class."""

    methods: list[tuple[str, str]]
    span: Span
    message: str          # the BL304 message, if a method's result cannot be read
    confidence: Confidence
    sink: str
    line: int


@dataclass
class _Fragment:
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
        values, identifiers = _levels(self.template, shape)
        self.values, self.identifiers = _shown(values), _shown(identifiers)
        self.template = None




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
        # What each method returns, by (class, method): "safe", "unknown", or the SQL
        # conditions built from unsafe values it returns (`def _where(self): return
        # f"name = '{self.name}'"`), for sinks in other methods that interpolate its result.
        self.method_returns: dict[tuple[str, str], list[_Fragment] | str] = {}
        self.pending: list[_PendingMethods] = []
        # The same for top-level functions, by name, and the sinks whose unsafe holes are
        # all calls of project functions (read by the project pass, across modules).
        self.function_returns: dict[str, list[_Fragment] | str] = {}
        self.fragment_calls: list[FragmentCall] = []
        self._reported_fragments: set[tuple[int, int]] = set()
        # Dynamic SQL statements returned by methods, by (class, method), and the sinks in
        # the same class that run a method's result (`q = self._build(...); cur.execute(q)`).
        self.method_statements: dict[tuple[str, str], list[_Candidate]] = {}
        self.method_sinks: dict[tuple[str, str], tuple[str, int]] = {}
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
                   fix: Optional[Fix] = None, confidence: Optional[Confidence] = None) -> None:
        """A detection decided after its statement was left (the span was taken then, with
        the lines a suppression comment applies to)."""
        if self.wants(rule):
            self.ctx.findings.append(rule.make_finding(self.ctx.path, span, message, fix=fix,
                                                       confidence=confidence))

    @property
    def function(self) -> _FunctionState:
        return self.functions[-1]

    def line(self) -> int:
        stack = self.ctx.statement_stack
        return stack[-1].lineno if stack else 0

    # -- scopes ------------------------------------------------------------------------
    def enter_function(self, node: ast.AST) -> None:
        scope = self.ctx.semantic.scope
        top_level = scope.kind == "module"
        method = None
        if scope.kind == "class" and isinstance(scope.node, ast.ClassDef):
            method = (scope.node.name, getattr(node, "name", ""))
        self.functions.append(_FunctionState(node, top_level, method))

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

    def finish(self) -> None:
        while len(self.functions) > 1:
            self.leave_function()
        self._flush(self.functions[0])
        self._resolve_methods()
        self._resolve_method_statements()
        calls = sorted(self.sink_calls.values(), key=lambda call: (call.span.line, call.callee))
        conditions, safe = self._function_conditions()
        self.ctx.set_facts(SqlBuildingFacts(self.returns, calls, conditions, safe,
                                            self.fragment_calls))

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
            if template is None:
                continue
            candidate = self._candidate(template, value)
            if candidate is not None and key not in self.function.candidates:
                self.function.candidates[key] = candidate
        if augmented and len(targets) == 1 and isinstance(targets[0], ast.Name):
            self._track_list(targets[0].id, value)

    def returned(self, value: ast.expr | None) -> None:
        if value is None:
            return
        template = self.templates.of(value, self.line())
        self._method_return(value, template)
        if template is None:
            return
        found = self._candidate(template, value)
        if found is None:
            return
        key = f"var:{template.variable}" if template.variable else f"node:{id(value)}"
        candidate = self.function.candidates.setdefault(key, found)
        candidate.returned = True

    # -- calls -------------------------------------------------------------------------
    def call(self, node: ast.Call) -> None:
        self._record_append(node)
        self._joined_fragments(node)
        sink = self.sinks.sink_of(node)
        if sink is not None:
            self._check_sink(node, sink)
            return
        if self._composition(node):
            return
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            if isinstance(argument, (ast.JoinedStr, ast.BinOp, ast.Call)):
                template = self.templates.of(argument, self.line())
                if template is None or template.variable is not None or \
                        self._is_quiet_call(node):
                    continue
                candidate = self._candidate(template, argument)
                if candidate is not None:
                    self.function.candidates.setdefault(f"node:{id(argument)}", candidate)

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
        values, identifiers = _levels(template, shape)
        self.function.fragments.setdefault(name, []).append(_Fragment(
            self.ctx.span(value), template.form, _shown(values), _shown(identifiers)))
        return True

    def _condition_fragments(self, value: ast.expr, line: int) -> list[_Fragment]:
        """The SQL condition `value` builds from unsafe values, as a fragment (empty when it
        is not a condition or nothing in it is unsafe)."""
        template = self.templates.of(value, line)
        if template is None or not template.holes or not template.dynamic or \
                not condition_gate(template.literals()):
            return []
        shape = fragment_shape(template.literals())
        if not shape.is_sql:
            return []
        values, identifiers = _levels(template, shape)
        if not values:
            return []
        return [_Fragment(self.ctx.span(value), template.form, _shown(values),
                          _shown(identifiers))]

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

    def _builder_arguments(self, argument: ast.expr, sink: Sink, line: int) -> None:
        """`where = f"id IN {ids}"; sql = self._build_query(where); cur.execute(sql)`: a
        condition built from unsafe values here, handed to a builder whose result the sink
        runs, is reported where it is built."""
        call = self._call_passed(argument, line)
        if call is None or not isinstance(call.func, (ast.Name, ast.Attribute)):
            return
        builder = called_name(call.func)
        for passed in [*call.args, *(k.value for k in call.keywords)]:
            if not isinstance(passed, ast.Name):
                continue
            for binding in self.ctx.semantic.bindings(passed.id):
                if binding.value is None or binding.line > line or \
                        binding.kind not in ("assign", "annassign"):
                    continue
                value = binding.value
                options = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                for option in options:
                    for fragment in self._condition_fragments(option, binding.line):
                        key = (fragment.span.line, fragment.span.column)
                        if key in self._reported_fragments:
                            continue
                        self._reported_fragments.add(key)
                        names = ", ".join(f"`{name}`" for name in fragment.values)
                        self._report_at(
                            SqlInjectionReachesSink, fragment.span,
                            f"{names} formatted into a SQL condition ({article(fragment.form)}) "
                            f"passed to `{builder}()`, whose result {sink.label} runs on line "
                            f"{line}: a quote in the value rewrites the query; bind it as a "
                            "parameter", confidence=Confidence.MEDIUM)

    def _joined_fragments(self, node: ast.Call) -> None:
        """`" AND ".join(parts)` or `sql.SQL(" OR ").join(parts)` over a list that holds
        conditions built from unsafe values: each is reported where it was built."""
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "join" and len(node.args) == 1
                and isinstance(node.args[0], (ast.Name, ast.GeneratorExp, ast.ListComp))):
            return
        items = node.args[0]
        if isinstance(items, ast.Name):
            fragments = self.function.fragments.get(items.id)
        else:
            # `" AND ".join(f"{k} = '{v}'" for k, v in filters)`: the condition each item is.
            fragments = self._condition_fragments(items.elt, self.line())
        if not fragments:
            return
        separator = func.value
        if isinstance(separator, ast.Call) and sql_sinks.is_sql_composition(
                self.ctx.semantic.qualified_name(separator.func) or ""):
            joined = "psycopg `sql.SQL().join()`"
        elif isinstance(separator, ast.Constant) and isinstance(separator.value, str) and \
                separator.value.strip().upper() in ("AND", "OR"):
            joined = f"`{separator.value!r}.join()`"
        else:
            return
        for fragment in fragments:
            if fragment.reported:
                continue
            fragment.reported = True
            where = f"joined by {joined} on line {node.lineno}"
            if fragment.values:
                names = ", ".join(f"`{name}`" for name in fragment.values)
                self._report_at(SqlInjectionReachesSink, fragment.span,
                                f"{names} formatted into a SQL condition "
                                f"({article(fragment.form)}) {where}: a quote in the value "
                                "rewrites the query; bind it as a parameter",
                                confidence=Confidence.MEDIUM)
            elif fragment.identifiers:
                names = ", ".join(f"`{name}`" for name in fragment.identifiers)
                self._report_at(SqlIdentifierInterpolated, fragment.span,
                                f"{names} interpolated as a column name or SQL syntax into a "
                                f"SQL condition ({article(fragment.form)}) {where}: check it "
                                "against an allow-list or compose with "
                                "`psycopg.sql.Identifier`", confidence=Confidence.LOW)

    def _composition(self, node: ast.Call) -> bool:
        """`sql.SQL(f"... {value} ...")`: psycopg's composition API takes SQL text written by
        the code; an f-string there defeats it."""
        if called_name(node.func) != "SQL" or not node.args:
            return False
        qualified = self.ctx.semantic.qualified_name(node.func) or ""
        if not sql_sinks.is_sql_composition(qualified):
            return False
        argument = node.args[0]
        template = self.templates.of(argument, self.line())
        if template is None or not template.holes or not template.dynamic:
            return True
        self._consume(template, argument)
        shape = self._shape_at_sink(template)
        if shape is not None:
            self._report_sink(node, argument, sql_sinks.PSYCOPG_SQL, template,
                              allow_fix=False, shape=shape)
        return True

    def _shape_at_sink(self, template: Template) -> SqlShape | None:
        """The shape of text that a SQL API receives: a statement, else a WHERE condition,
        else (the API only takes SQL) the text around each hole, judged with less
        confidence when a value is plainly quoted or compared."""
        literals = template.literals()
        shape = sql_shape(literals)
        if shape.is_sql:
            return shape
        shape = fragment_shape(literals)
        if shape.is_sql:
            return shape
        positions = lexical_positions(literals)
        if any(position != "identifier" for position in positions):
            return SqlShape(True, positions, confirmed=False)
        return None

    def list_is_safe(self, name: str) -> bool:
        return self.function.lists.get(name, True)

    def _check_sink(self, node: ast.Call, sink: Sink) -> None:
        if sink.label.startswith("Django `QuerySet.extra"):
            self._check_extra(node, sink)
            return
        argument = self.sinks.sql_argument(node, sink)
        if argument is None or (_TEMPLATE_STR is not None and isinstance(argument, _TEMPLATE_STR)):
            # A PEP 750 t-string (Python 3.14): the driver receives the values apart from the
            # text (psycopg 3 binds them), so nothing is formatted into the SQL.
            return
        line = self.line()
        self._other_branches(node, argument, sink, line)
        template = self.templates.of(argument, line)
        if template is None:
            if self.sinks.statement_object(argument) or sink.statement_only:
                # (a call guessed by its name is judged only on text it is seen receiving)
                return
            if sink.confirmed and self.requests.is_request(argument, line, 0):
                self._report_request(node, argument, sink, None)
            else:
                self._record_project_call(argument, sink, line)
                self._builder_arguments(argument, sink, line)
            return
        if not template.holes or not template.dynamic:
            return
        shape = sql_shape(template.literals())
        if sink.statement_only and not (shape.is_sql and shape.confirmed):
            return  # a method guessed by its name alone: only a parsed statement counts
        if not shape.is_sql:
            # A sink that only takes SQL: a WHERE fragment passed to `text()`, or a dialect
            # sqlglot rejects, is still SQL; a receiver guessed by its name needs the proof.
            found = self._shape_at_sink(template) if sink.confirmed else None
            if found is None:
                return
            shape = found
        self._consume(template, argument)
        requested = [h for h in template.holes
                     if not h.safe and self.requests.is_request(h.expr, line, 0)]
        if requested and self.bl303_enabled:
            self._report_request(node, argument, sink, requested)
            return
        self._report_sink(node, argument, sink, template, shape=shape)

    def _check_extra(self, node: ast.Call, sink: Sink) -> None:
        """`QuerySet.extra(select, where, params, tables, order_by, select_params)` takes SQL
        fragments, not statements, by keyword or by position."""
        line = self.line()
        arguments = {name: node.args[index] for index, name in enumerate(_EXTRA_PARAMETERS)
                     if index < len(node.args)}
        arguments.update({k.arg: k.value for k in node.keywords if k.arg})
        for name, value in arguments.items():
            wrap = _EXTRA_WRAPS.get(name)
            if wrap is None:
                continue
            for fragment in self._fragments_of(value, line):
                template = self.templates.of(fragment, line)
                if template is None or not template.holes or not template.dynamic:
                    continue
                shape = fragment_shape(template.literals(), *wrap)
                if not shape.is_sql:
                    positions = lexical_positions(template.literals())
                    shape = SqlShape(True, positions, confirmed=False)
                self._report_sink(node, fragment, sink, template, allow_fix=False, shape=shape)

    def _fragments_of(self, value: ast.expr, line: int) -> list[ast.expr]:
        """The items of a list, tuple or dict of fragments, also through a local name."""
        if isinstance(value, ast.Name):
            binding = self.ctx.semantic.lookup(value.id, before_line=line)
            if binding is not None and binding.value is not None and isinstance(
                    binding.value, (ast.List, ast.Tuple, ast.Dict)):
                value = binding.value
        if isinstance(value, (ast.List, ast.Tuple)):
            return list(value.elts)
        if isinstance(value, ast.Dict):
            return list(value.values)
        return [value]

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
        self._record_method_sink(argument, sink)
        call = self._call_passed(argument, line)
        if call is None:
            return
        callee = self.ctx.semantic.qualified_name(call.func)
        if not callee or callee.startswith("builtins."):
            return
        span = self.ctx.span(argument)
        self.sink_calls[f"{callee}@{span.line}"] = SinkCall(callee, sink.label, span)

    def _other_branches(self, node: ast.Call, argument: ast.expr, sink: Sink, line: int
                        ) -> None:
        """`if a: q = f"...{x}..." else: q = other`: the sink runs whichever branch ran, so
        each earlier assignment of the name in this function is checked, not only the
        last (which `templates.of` reads)."""
        if not isinstance(argument, ast.Name):
            return
        bindings = [b for b in self.ctx.semantic.bindings(argument.id)
                    if b.line <= line and b.kind == "assign" and b.value is not None]
        if len(bindings) < 2:
            return
        last = bindings[-1]
        for binding in bindings[:-1]:
            if not _other_branch(self.function.node, binding.line, last.line):
                continue
            assert binding.value is not None
            template = self.templates.of(binding.value, binding.line - 1)
            if template is None or not self._is_dynamic_sql(template):
                continue
            self._consume(template, binding.value)
            candidate = self.function.candidates.get(f"var:{argument.id}")
            if candidate is not None:
                candidate.consumed = True
            template.variable = argument.id  # the message names the line it was built on
            self._report_sink(node, argument, sink, template, allow_fix=False)

    def _record_method_sink(self, argument: ast.expr, sink: Sink) -> None:
        """`self._client.query(self._build(...))`, or a local assigned `self._build(...)` on
        any branch: the methods of this class whose result the sink runs."""
        cls = self.ctx.semantic.enclosing_class()
        if cls is None:
            return
        values = [argument]
        if isinstance(argument, ast.Name):
            values = [b.value for b in self.ctx.semantic.bindings(argument.id)
                      if b.value is not None]
        for value in values:
            if isinstance(value, ast.Await):
                value = value.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
                    isinstance(value.func.value, ast.Name) and value.func.value.id == "self":
                self.method_sinks.setdefault((cls.name, value.func.attr),
                                             (sink.label, self.line()))

    def _resolve_method_statements(self) -> None:
        """Returned SQL of methods: BL301/BL304 at the build site when a sink in the class
        runs the method's result, else BL302 as for any SQL not seen executed."""
        for method, candidates in self.method_statements.items():
            sink = self.method_sinks.get(method)
            for candidate in candidates:
                if sink is None:
                    if candidate.values:
                        self._report_at(StoredDynamicSql, candidate.span, stored_message(
                            candidate.form, True, candidate.values))
                    continue
                where = (f"returned by `{method[1]}()` and run by {sink[0]} on line "
                         f"{sink[1]}")
                if candidate.values:
                    names = ", ".join(f"`{name}`" for name in candidate.values)
                    self._report_at(SqlInjectionReachesSink, candidate.span,
                                    f"{names} formatted into SQL ({article(candidate.form)}) "
                                    f"{where}: a quote in the value rewrites the query; bind "
                                    "the values as parameters", confidence=Confidence.MEDIUM)
                if candidate.identifiers:
                    names = ", ".join(f"`{name}`" for name in candidate.identifiers)
                    self._report_at(SqlIdentifierInterpolated, candidate.span,
                                    f"{names} interpolated as a table/column name or SQL syntax "
                                    f"into SQL ({article(candidate.form)}) {where}: check it "
                                    "against an allow-list or compose with "
                                    "`psycopg.sql.Identifier`", confidence=Confidence.LOW)

    def _is_dynamic_sql(self, template: Template) -> bool:
        return bool(template.holes) and sql_shape(template.literals()).is_sql and \
            template.dynamic

    def _candidate(self, template: Template, node: ast.expr) -> _Candidate | None:
        """Dynamic SQL that sqlglot confirmed (a string judged by keywords alone is reported
        only where a sink runs it), with its unsafe values and identifiers."""
        if not template.holes:
            return None
        shape = sql_shape(template.literals())
        if not shape.is_sql or not shape.confirmed or not template.dynamic:
            return None
        values, identifiers = _levels(template, shape)
        return _Candidate(self.ctx.span(node), template.form, _shown(values),
                          _shown(identifiers))

    # -- messages and fixes --------------------------------------------------------------
    def _report_sink(self, node: ast.Call, argument: ast.expr, sink: Sink,
                     template: Template, allow_fix: bool = True,
                     shape: SqlShape | None = None) -> None:
        """Two findings at most: BL301 for the values formatted into the text (an
        injection), BL304 for the identifiers (check them against an allow-list)."""
        shape = shape or sql_shape(template.literals())
        values, identifiers = _levels(template, shape)
        if sink.statement_only:
            # A call guessed from its name alone: only the plainest injection is reported,
            # a value inside a quoted literal or an IN (...) list; names and syntax are not.
            values, identifiers = _plain_values(template, values), []
        built = f"{article(template.form)}"
        if template.variable is not None and template.build is not None:
            built += f" on line {template.build.lineno}"
        # Each guess lowers the confidence: a receiver matched by its name, a text sqlglot
        # could not parse.
        guesses = (not sink.confirmed) + (not shape.confirmed)
        unsure = "" if shape.confirmed else (
            " (the text did not parse as SQL, so where each value sits was read from the "
            "text around it)")
        if sink.statement_only:
            unsure += (" (the receiver's type is unknown: the call is guessed to run SQL from "
                       "its name and a statement that parses)")
        if values:
            names = _names(values)
            message = (f"{names} {_is(values)} formatted into the SQL text ({built}) that "
                       f"{sink.label} runs: a quote in {'it' if len(values) == 1 else 'them'} "
                       f"rewrites the query{unsure}; ")
            message += rewrite_advice(self.ctx.source.segment(node.func) or "execute", sink,
                                      template, shape)
            fix = parameterised_fix(self.ctx, node, argument, sink, template, shape) \
                if allow_fix and not identifiers else None
            self.report(SqlInjectionReachesSink, argument, message, fix=fix,
                        confidence=_CONFIDENCE_HIGH[guesses])
        if identifiers:
            names = _names(identifiers)
            message = (f"{names} {_is(identifiers)} interpolated as a table/column name or SQL "
                       f"syntax into the SQL ({built}) that {sink.label} runs{unsure}: check "
                       f"{'it' if len(identifiers) == 1 else 'them'} against an allow-list or "
                       "compose with `psycopg.sql.Identifier`")
            callees = self._project_calls(identifiers) if not values else None
            if callees is not None:
                # `WHERE {build_where(name)}`: judged by what those functions return, in
                # the project pass (they may live in another module).
                self.fragment_calls.append(FragmentCall(
                    callees, sink.label, self.ctx.span(argument), message,
                    _CONFIDENCE_MEDIUM[guesses].value))
                return
            methods = self._own_methods(identifiers)
            if methods is not None:
                # `WHERE {self._where(...)}`: judged by what those methods return, at the end.
                self.pending.append(_PendingMethods(
                    methods, self.ctx.span(argument), message, _CONFIDENCE_MEDIUM[guesses],
                    sink.label, node.lineno))
                return
            self.report(SqlIdentifierInterpolated, argument, message,
                        confidence=_CONFIDENCE_MEDIUM[guesses])

    def _own_methods(self, holes: list[Hole]) -> list[tuple[str, str]] | None:
        """(class, method) for each hole that calls a method of the enclosing class on
        `self`, or None when any hole is something else."""
        cls = self.ctx.semantic.enclosing_class()
        if cls is None:
            return None
        found: list[tuple[str, str]] = []
        for hole in holes:
            expr = hole.expr
            if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
                    and isinstance(expr.func.value, ast.Name)
                    and expr.func.value.id == "self"):
                return None
            found.append((cls.name, expr.func.attr))
        return found

    def _method_return(self, value: ast.expr, template: Template | None) -> None:
        """Record what a method returns, for sinks elsewhere in its class."""
        cls = self.ctx.semantic.enclosing_class()
        function = self.ctx.semantic.current_function()
        if function is None:
            return
        if cls is None:
            if self.function.top_level:
                self._function_return(function.name, value, template)
            return
        key = (cls.name, function.name)
        known = self.method_returns.get(key, "safe")
        if known == "unknown":
            return
        verdict: list[_Fragment] | str = "unknown"
        if template is not None and not template.holes:
            verdict = "safe"
        elif template is not None and not condition_gate(template.literals()):
            verdict = "unknown"  # not a condition: the sink's BL304 stands
        elif template is not None and all(hole.safe for hole in template.holes):
            verdict = "safe"  # (every hole judged here, in its scope: read again at the end)
        elif template is not None:
            verdict = [_Fragment(self.ctx.span(value), template.form, [], [], template=template)]
        if verdict == "unknown":
            self.method_returns[key] = "unknown"
        elif isinstance(verdict, list):
            self.method_returns[key] = [*(known if isinstance(known, list) else []), *verdict]
        else:
            self.method_returns.setdefault(key, "safe")

    def _function_return(self, name: str, value: ast.expr, template: Template | None) -> None:
        """The same verdict as for a method, kept per top-level function for the project
        pass."""
        known = self.function_returns.get(name, "safe")
        if known == "unknown":
            return
        if template is None or (template.holes and not condition_gate(template.literals())):
            self.function_returns[name] = "unknown"
        elif not template.holes or all(hole.safe for hole in template.holes):
            self.function_returns.setdefault(name, "safe")
        else:
            fragment = _Fragment(self.ctx.span(value), template.form, [], [], template=template)
            self.function_returns[name] = [*(known if isinstance(known, list) else []),
                                           fragment]

    def _project_calls(self, holes: list[Hole]) -> list[str] | None:
        """The qualified name called in each hole (`{build_where(name)}`, `{q.where(x)}`
        with `q` an imported module), or None when any hole is something else."""
        found: list[str] = []
        for hole in holes:
            expr = hole.expr
            if not isinstance(expr, ast.Call) or not isinstance(expr.func,
                                                               (ast.Name, ast.Attribute)):
                return None
            qualified = self.ctx.semantic.qualified_name(expr.func)
            if not qualified or qualified.startswith("builtins.") or "()" in qualified:
                return None
            found.append(qualified)
        return found

    def _resolve_methods(self) -> None:
        """Each sink that interpolates `self.method(...)`: BL301 where a method builds a
        condition from values, nothing when every method returns composed-safe SQL, and the
        deferred BL304 when a method's result could not be read."""
        for pending in self.pending:
            verdicts = [self.method_returns.get(method, "unknown") for method in pending.methods]
            for verdict in verdicts:
                for fragment in verdict if isinstance(verdict, list) else []:
                    fragment.judge()
            if any(verdict == "unknown" or (isinstance(verdict, list) and not any(
                    fragment.values for fragment in verdict)) for verdict in verdicts):
                self._report_at(SqlIdentifierInterpolated, pending.span, pending.message,
                                confidence=pending.confidence)
                continue
            for (_cls, method), verdict in zip(pending.methods, verdicts):
                for fragment in verdict if isinstance(verdict, list) else []:
                    fragment.judge()
                    if fragment.reported or not fragment.values:
                        continue
                    fragment.reported = True
                    names = ", ".join(f"`{name}`" for name in fragment.values)
                    self._report_at(
                        SqlInjectionReachesSink, fragment.span,
                        f"{names} formatted into a SQL condition ({article(fragment.form)}) "
                        f"that `{method}()` returns and {pending.sink} runs on line "
                        f"{pending.line}: a quote in the value rewrites the query; bind it as "
                        "a parameter", confidence=Confidence.MEDIUM)

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


# `ast.TemplateStr` exists from Python 3.14 on; older interpreters cannot parse t-strings.
_TEMPLATE_STR: Optional[type] = getattr(ast, "TemplateStr", None)
_CONFIDENCE_HIGH = (Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)
_CONFIDENCE_MEDIUM = (Confidence.MEDIUM, Confidence.LOW, Confidence.LOW)


def _levels(template: Template, shape: SqlShape) -> tuple[list[Hole], list[Hole]]:
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


_IN_LIST = re.compile(r"\bin\s*\(\s*$", re.IGNORECASE)


def _plain_values(template: Template, values: list[Hole]) -> list[Hole]:
    """The values that sit inside a single-quoted literal or open an `IN (...)` list."""
    literals = template.literals()
    quoted = single_quoted_holes(literals)
    chosen = {id(hole) for index, hole in enumerate(template.holes)
              if quoted[index] or _IN_LIST.search(literals[index])}
    return [hole for hole in values if id(hole) in chosen]


def _shown(holes: list[Hole]) -> list[str]:
    return list(dict.fromkeys(ast.unparse(hole.expr) for hole in holes))


def _names(holes: list[Hole]) -> str:
    return ", ".join(f"`{name}`" for name in _shown(holes))


def _is(holes: list[Hole]) -> str:
    return "is" if len(_shown(holes)) == 1 else "are"


# `QuerySet.extra()`'s parameters in order, and the statement each fragment is read inside.
_EXTRA_PARAMETERS = ("select", "where", "params", "tables", "order_by", "select_params")
_EXTRA_WRAPS = {"select": ("SELECT ", " FROM t"), "where": ("SELECT 1 FROM t WHERE ", ""),
                "tables": ("SELECT 1 FROM ", ""), "order_by": ("SELECT 1 FROM t ORDER BY ", "")}


def _other_branch(function: ast.AST, first: int, second: int) -> bool:
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
