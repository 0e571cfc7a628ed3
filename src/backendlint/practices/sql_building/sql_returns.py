"""sql-building's returned SQL: statements and conditions that methods and functions return,
and the sinks that run them in another method of the class or (through the project pass)
in another module."""

from __future__ import annotations

import ast

from backendlint.core.findings import Confidence
from backendlint.knowledge.sql_sinks import Sink
from backendlint.practices.sql_building.bl301_sql_injection_reaches_sink import (
    SqlInjectionReachesSink,
)
from backendlint.practices.sql_building.bl302_dynamic_sql_not_executed_here import StoredDynamicSql
from backendlint.practices.sql_building.bl304_sql_identifier_interpolated import (
    SqlIdentifierInterpolated,
)
from backendlint.practices.sql_building.facts import SinkCall
from backendlint.practices.sql_building.pass_state import (
    Fragment,
    SqlPass,
)
from backendlint.practices.sql_building.rewrite import (
    article,
    stored_message,
)
from backendlint.practices.sql_building.sqltext import condition_gate
from backendlint.practices.sql_building.templates import Hole, Template


class SqlReturns(SqlPass):
    """SQL that functions and methods return: recorded for the project pass (top-level
    functions, across modules) and resolved at the end of the file (methods of one class)."""

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
        verdict: list[Fragment] | str = "unknown"
        if template is not None and not template.holes:
            verdict = "safe"
        elif template is not None and not condition_gate(template.literals()):
            verdict = "unknown"  # not a condition: the sink's BL304 stands
        elif template is not None and all(hole.safe for hole in template.holes):
            verdict = "safe"  # (every hole judged here, in its scope: read again at the end)
        elif template is not None:
            verdict = [Fragment(self.ctx.span(value), template.form, [], [], template=template)]
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
            fragment = Fragment(self.ctx.span(value), template.form, [], [], template=template)
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
