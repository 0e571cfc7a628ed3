"""Which calls execute SQL, and which of their arguments is the SQL.

Sinks are resolved through imports and assignments against the `knowledge.sql_sinks` tables;
a Django manager chain (`Model.objects...raw`) in a module that imports Django; attributes
set from annotated constructor parameters (`self.pool.fetch`); and, unresolved, an
`.execute()` or query method on a receiver named like a cursor or connection.
"""

from __future__ import annotations

import ast

from backendlint.knowledge import sql_sinks
from backendlint.knowledge.sql_sinks import (
    DJANGO_MANAGER_ATTRIBUTES,
    QUERY_BUILDER_ROOTS,
    Sink,
)
from backendlint.practices.sql_building.options import SqlBuildingOptions
from backendlint.semantic.analyze.arguments import named_parameters
from backendlint.semantic.analyze.attributes import attribute_chain_has, called_name
from backendlint.semantic.model import SemanticModel


class SinkFinder:
    """Classifies a call as a SQL sink, once per call."""

    def __init__(self, semantic: SemanticModel, options: SqlBuildingOptions) -> None:
        self.semantic = semantic
        self.options = options
        self.uses_django = semantic.imports_any(("django",))
        # Resolving every call is the costly part; only calls named like a sink are resolved
        # (None: an extra-sinks pattern ends in a wildcard, so every call is a candidate).
        self.sink_names = sql_sinks.sink_call_names(options.extra_sinks)

    def sink_of(self, node: ast.Call) -> Sink | None:
        name = called_name(node.func)
        if self.sink_names is not None and name not in self.sink_names and not (
                isinstance(node.func, ast.Attribute)
                and sql_sinks.EXECUTING_METHOD.match(name)):
            return None
        qualified = self.semantic.qualified_name(node.func) or \
            self._injected_attribute_call(node.func)
        if qualified is not None:
            sink = sql_sinks.resolve_sink(qualified, self.options.extra_sinks)
            if sink is not None:
                return sink
        if not isinstance(node.func, ast.Attribute):
            return None
        method = node.func.attr
        if self.uses_django and attribute_chain_has(node.func.value, DJANGO_MANAGER_ATTRIBUTES):
            return sql_sinks.django_manager_sink(method)
        if (method in sql_sinks.CURSOR_LIKE_METHODS
                or method in sql_sinks.CURSOR_LIKE_QUERY_METHODS) and \
                _receiver_name(node.func.value) in sql_sinks.CURSOR_LIKE_NAMES:
            return sql_sinks.cursor_like_sink(method)
        if sql_sinks.EXECUTING_METHOD.match(method) and node.args:
            return sql_sinks.executing_method_sink(method)
        return None

    def _injected_attribute_call(self, func: ast.expr) -> str | None:
        """`self.pool.fetch` where a method stored an annotated parameter: `def
        __init__(self, pool: asyncpg.Pool): self.pool = pool` (the model resolves assignments
        of call results, not of parameters of another method)."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)
                and isinstance(func.value.value, ast.Name)
                and func.value.value.id == "self"):
            return None
        cls = self.semantic.enclosing_class()
        if cls is None:
            return None
        attribute = func.value.attr
        for method in cls.body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            annotations = {arg.arg: arg.annotation for arg in named_parameters(method.args)
                           if arg.annotation is not None}
            for statement in method.body:
                if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                        and isinstance(statement.value, ast.Name)):
                    continue
                target = statement.targets[0]
                if (isinstance(target, ast.Attribute) and target.attr == attribute
                        and statement.value.id in annotations):
                    kind = self.semantic.qualified_name(annotations[statement.value.id])
                    return f"{kind}().{func.attr}" if kind else None
        return None

    def sql_argument(self, node: ast.Call, sink: Sink) -> ast.expr | None:
        if len(node.args) > sink.sql_index:
            argument = node.args[sink.sql_index]
            return None if isinstance(argument, ast.Starred) else argument
        for keyword in node.keywords:
            if keyword.arg in (sink.sql_keyword, "sql", "query", "statement"):
                return keyword.value
        return None

    def statement_object(self, expr: ast.expr) -> bool:
        """A SQLAlchemy statement built with its API (`select(User).where(User.id == uid)`,
        `update(...)`, `text(...)`, or a name assigned one; the semantic model follows the
        chain): values go in as bound parameters, and a `text()` is checked where it is
        called."""
        return (self.semantic.qualified_name(expr) or "").startswith(QUERY_BUILDER_ROOTS)


def _receiver_name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.BoolOp):
        # `(conn or db).execute(...)`: a connection passed in, or the module's default one.
        names = {_receiver_name(value) for value in expr.values}
        if names <= sql_sinks.CURSOR_LIKE_NAMES:
            return min(names)
    return ""
