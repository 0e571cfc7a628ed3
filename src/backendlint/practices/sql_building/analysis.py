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

The pass is built in layers: pass_state.py (state and shared helpers), sql_returns.py
(returned SQL), sink_checks.py (sink calls), and here the traversal and the build sites."""

from __future__ import annotations

import ast

from backendlint.core.findings import Confidence
from backendlint.knowledge import sql_sinks
from backendlint.practices.sql_building.bl301_sql_injection_reaches_sink import (
    SqlInjectionReachesSink,
)
from backendlint.practices.sql_building.bl304_sql_identifier_interpolated import (
    SqlIdentifierInterpolated,
)
from backendlint.practices.sql_building.facts import SqlBuildingFacts
from backendlint.practices.sql_building.rewrite import article
from backendlint.practices.sql_building.sink_checks import SinkChecks


class SqlBuildingAnalysis(SinkChecks):
    """The practice's visitor: the engine runs it once per file for the three rules."""

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
