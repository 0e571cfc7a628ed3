"""sql-building's sink calls: the SQL that reaches each one, judged and reported for the
rule it belongs to."""

from __future__ import annotations

import ast

from backendlint.core.findings import Confidence
from backendlint.knowledge import sql_sinks
from backendlint.knowledge.sql_sinks import Sink
from backendlint.practices.sql_building.bl301_sql_injection_reaches_sink import (
    SqlInjectionReachesSink,
)
from backendlint.practices.sql_building.bl303_sql_from_request_data import SqlFromRequestData
from backendlint.practices.sql_building.bl304_sql_identifier_interpolated import (
    SqlIdentifierInterpolated,
)
from backendlint.practices.sql_building.facts import FragmentCall
from backendlint.practices.sql_building.pass_state import (
    CONFIDENCE_HIGH,
    CONFIDENCE_MEDIUM,
    EXTRA_PARAMETERS,
    EXTRA_WRAPS,
    TEMPLATE_STR,
    PendingMethods,
    hole_levels,
    in_other_branches,
    is_or_are,
    names_of,
    plain_values,
)
from backendlint.practices.sql_building.rewrite import (
    article,
    parameterised_fix,
    rewrite_advice,
)
from backendlint.practices.sql_building.sql_returns import SqlReturns
from backendlint.practices.sql_building.sqltext import (
    SqlShape,
    fragment_shape,
    lexical_positions,
    sql_shape,
)
from backendlint.practices.sql_building.templates import Hole, Template
from backendlint.semantic.analyze.attributes import called_name


class SinkChecks(SqlReturns):
    """What reaches a sink call: the SQL argument's template judged at its level (value or
    identifier), `extra()` fragments, builders and compositions, request data."""

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

    def _check_sink(self, node: ast.Call, sink: Sink) -> None:
        if sink.label.startswith("Django `QuerySet.extra"):
            self._check_extra(node, sink)
            return
        argument = self.sinks.sql_argument(node, sink)
        if argument is None or (TEMPLATE_STR is not None and isinstance(argument, TEMPLATE_STR)):
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
        arguments = {name: node.args[index] for index, name in enumerate(EXTRA_PARAMETERS)
                     if index < len(node.args)}
        arguments.update({k.arg: k.value for k in node.keywords if k.arg})
        for name, value in arguments.items():
            wrap = EXTRA_WRAPS.get(name)
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
            if not in_other_branches(self.function.node, binding.line, last.line):
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

    # -- messages and fixes --------------------------------------------------------------
    def _report_sink(self, node: ast.Call, argument: ast.expr, sink: Sink,
                     template: Template, allow_fix: bool = True,
                     shape: SqlShape | None = None) -> None:
        """Two findings at most: BL301 for the values formatted into the text (an
        injection), BL304 for the identifiers (check them against an allow-list)."""
        shape = shape or sql_shape(template.literals())
        values, identifiers = hole_levels(template, shape)
        if sink.statement_only:
            # A call guessed from its name alone: only the plainest injection is reported,
            # a value inside a quoted literal or an IN (...) list; names and syntax are not.
            values, identifiers = plain_values(template, values), []
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
            names = names_of(values)
            message = (f"{names} {is_or_are(values)} formatted into the SQL text ({built}) that "
                       f"{sink.label} runs: a quote in {'it' if len(values) == 1 else 'them'} "
                       f"rewrites the query{unsure}; ")
            message += rewrite_advice(self.ctx.source.segment(node.func) or "execute", sink,
                                      template, shape)
            fix = parameterised_fix(self.ctx, node, argument, sink, template, shape) \
                if allow_fix and not identifiers else None
            self.report(SqlInjectionReachesSink, argument, message, fix=fix,
                        confidence=CONFIDENCE_HIGH[guesses])
        if identifiers:
            names = names_of(identifiers)
            message = (f"{names} {is_or_are(identifiers)} interpolated as a table/column name or SQL "
                       f"syntax into the SQL ({built}) that {sink.label} runs{unsure}: check "
                       f"{'it' if len(identifiers) == 1 else 'them'} against an allow-list or "
                       "compose with `psycopg.sql.Identifier`")
            callees = self._project_calls(identifiers) if not values else None
            if callees is not None:
                # `WHERE {build_where(name)}`: judged by what those functions return, in
                # the project pass (they may live in another module).
                self.fragment_calls.append(FragmentCall(
                    callees, sink.label, self.ctx.span(argument), message,
                    CONFIDENCE_MEDIUM[guesses].value))
                return
            methods = self._own_methods(identifiers)
            if methods is not None:
                # `WHERE {self._where(...)}`: judged by what those methods return, at the end.
                self.pending.append(PendingMethods(
                    methods, self.ctx.span(argument), message, CONFIDENCE_MEDIUM[guesses],
                    sink.label, node.lineno))
                return
            self.report(SqlIdentifierInterpolated, argument, message,
                        confidence=CONFIDENCE_MEDIUM[guesses])

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
