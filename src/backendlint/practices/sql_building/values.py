"""Whether an interpolated value can carry SQL syntax.

Safe: constants, numbers (`len()`, `int()`, parameters annotated `int`), allow-list lookups
(`COLUMNS[key]`), placeholder lists (`", ".join("?" * len(ids))`), quoting and composition
APIs (`psycopg.sql`, Django `quote_name`), names in UPPER_CASE, Django backend metadata, and
variables named as composed SQL fragments (whose own values are judged where they are built).
"""

from __future__ import annotations

import ast
from typing import Callable

from backendlint.knowledge import sql_sinks
from backendlint.knowledge.sql_sinks import (
    FRAGMENT_NAME,
    METADATA_ATTRIBUTES,
    METADATA_NAMES,
    QUOTING_FUNCTIONS,
)
from backendlint.practices.sql_building.options import SqlBuildingOptions
from backendlint.practices.sql_building.templates import MAX_DEPTH, TemplateReader
from backendlint.semantic.analyze.attributes import attribute_chain_has, called_name
from backendlint.semantic.model import SemanticModel


class ValueJudge(TemplateReader):
    """The template reader that also decides, for each hole, whether its value is safe to
    interpolate (one object: a hole's safety reads templates, a template's holes ask for
    safety)."""

    def __init__(self, semantic: SemanticModel, options: SqlBuildingOptions,
                 list_is_safe: Callable[[str], bool]) -> None:
        super().__init__(semantic)
        self.options = options
        # Whether every append to a local list in the current function was safe.
        self.list_is_safe = list_is_safe

    def is_safe(self, expr: ast.expr, line: int, depth: int) -> bool:
        """The value cannot carry SQL syntax: a constant, a number, an allow-list lookup, a
        placeholder list, or a safe composition API."""
        if depth > MAX_DEPTH:
            return False
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, ast.IfExp):
            return self.is_safe(expr.body, line, depth + 1) and \
                self.is_safe(expr.orelse, line, depth + 1)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mult) and (
                self._constant_sequence(expr.left) or self._constant_sequence(expr.right)):
            return True
        if isinstance(expr, (ast.JoinedStr, ast.BinOp)):
            template = self.of(expr, line, depth + 1)
            if template is not None:
                return not template.dynamic
            # Arithmetic on safe operands (`int(page) * PAGE_SIZE`) stays a number.
            return isinstance(expr, ast.BinOp) and self.is_safe(expr.left, line, depth + 1) \
                and self.is_safe(expr.right, line, depth + 1)
        if isinstance(expr, ast.Name):
            return self._safe_name(expr.id, line, depth)
        if isinstance(expr, ast.Attribute):
            return self._safe_attribute(expr)
        if isinstance(expr, ast.Subscript):
            return self._allow_list(expr.value, line, depth)
        if isinstance(expr, ast.Call):
            return self._safe_call(expr, line, depth)
        return False

    def _constant_literal(self, expr: ast.expr, line: int, budget: int) -> bool:
        """Literal constants, nested in tuples/lists/sets, possibly through a name."""
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            return all(self._constant_literal(item, line, budget) for item in expr.elts)
        if isinstance(expr, ast.Name) and budget > 0:
            binding = self.semantic.lookup(expr.id, before_line=line)
            return binding is not None and binding.kind in ("assign", "annassign") and \
                binding.value is not None and \
                self._constant_literal(binding.value, binding.line - 1, budget - 1)
        return False

    def _constant_sequence(self, expr: ast.expr) -> bool:
        if isinstance(expr, ast.Constant):
            return isinstance(expr.value, str)
        if isinstance(expr, (ast.List, ast.Tuple)):
            return all(isinstance(item, ast.Constant) for item in expr.elts)
        return False

    def _safe_name(self, name: str, line: int, depth: int) -> bool:
        if name.isupper() and len(name) > 1:
            return True  # module or settings constant by convention
        binding = self.semantic.lookup(name, before_line=line)
        if binding is None:
            return False
        if binding.kind in ("assign", "annassign") and binding.value is not None:
            if self.is_safe(binding.value, binding.line - 1, depth + 1):
                return True
            return FRAGMENT_NAME.search(name) is not None and \
                self.of(binding.value, binding.line - 1, depth + 1) is None
        if binding.kind == "param":
            return self._safe_annotation(binding.annotation) or \
                FRAGMENT_NAME.search(name) is not None
        if binding.kind == "for":
            loop = binding.node
            return isinstance(loop, (ast.For, ast.AsyncFor)) and \
                self._constant_literal(loop.iter, loop.lineno, 2)
        if binding.kind == "import":
            return name.isupper()
        return FRAGMENT_NAME.search(name) is not None

    def _safe_annotation(self, annotation: ast.expr | None) -> bool:
        if annotation is None:
            return False
        target = annotation
        if isinstance(target, ast.Subscript) and \
                getattr(target.value, "id", getattr(target.value, "attr", "")) in (
                    "Optional", "Annotated"):
            inner = target.slice
            target = inner.elts[0] if isinstance(inner, ast.Tuple) else inner
        qualified = self.semantic.qualified_name(target)
        return qualified in sql_sinks.SAFE_ANNOTATIONS

    def _safe_attribute(self, expr: ast.Attribute) -> bool:
        if expr.attr.isupper() and len(expr.attr) > 1:
            return True
        if expr.attr in METADATA_NAMES or \
                attribute_chain_has(expr, METADATA_ATTRIBUTES):
            return True  # ORM metadata: names chosen by the code, not by users
        if isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls"):
            return self._class_constant(expr.attr)
        return False

    def _class_constant(self, attribute: str) -> bool:
        cls = self.semantic.enclosing_class()
        if cls is None:
            return False
        for statement in cls.body:
            target: ast.expr | None = None
            value: ast.expr | None = None
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target, value = statement.targets[0], statement.value
            elif isinstance(statement, ast.AnnAssign):
                target, value = statement.target, statement.value
            if isinstance(target, ast.Name) and target.id == attribute:
                return isinstance(value, ast.Constant)
        return False

    def _allow_list(self, container: ast.expr, line: int, depth: int) -> bool:
        """`COLUMNS[key]` / `COLUMNS.get(key)` over a literal dict, list or tuple of constants."""
        if isinstance(container, (ast.Dict, ast.List, ast.Tuple)):
            return self._literal_collection(container)
        if isinstance(container, ast.Name):
            if container.id.isupper():
                return True
            binding = self.semantic.lookup(container.id, before_line=line)
            if binding is not None and binding.value is not None:
                return self._literal_collection(binding.value)
        return False

    @staticmethod
    def _literal_collection(value: ast.expr) -> bool:
        if isinstance(value, ast.Dict):
            return all(isinstance(item, ast.Constant) for item in value.values)
        if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            return all(isinstance(item, ast.Constant) for item in value.elts)
        return False

    def _safe_call(self, expr: ast.Call, line: int, depth: int) -> bool:
        qualified = self.semantic.qualified_name(expr.func)
        if qualified and sql_sinks.is_safe_function(qualified,
                                                    self.options.extra_safe_functions):
            return True
        if called_name(expr.func) in QUOTING_FUNCTIONS or \
                self._bound_to_quoting_function(expr.func):
            return True
        if isinstance(expr.func, ast.Attribute):
            method = expr.func.attr
            if attribute_chain_has(expr.func.value, METADATA_ATTRIBUTES):
                return True
            if method == "get" and expr.args:
                return self._allow_list(expr.func.value, line, depth)
            if method == "join":
                template = self.join(expr, line, depth)
                return template is not None and not template.dynamic
        return False

    def _bound_to_quoting_function(self, func: ast.expr) -> bool:
        """`qn = connection.ops.quote_name` then `qn(column)`."""
        if not isinstance(func, ast.Name):
            return False
        value = self.semantic.value_of(func.id)
        return value is not None and called_name(value) in QUOTING_FUNCTIONS

    def safe_items(self, items: ast.expr, line: int, depth: int) -> bool:
        """The iterable of a `sep.join(...)`: placeholder lists, literal lists, or a local
        list whose assignments and appends are all safe."""
        if isinstance(items, ast.Constant):
            return True
        if isinstance(items, (ast.List, ast.Tuple, ast.Set)):
            return all(self.is_safe(item, line, depth + 1) for item in items.elts)
        if isinstance(items, (ast.GeneratorExp, ast.ListComp)):
            return self.is_safe(items.elt, line, depth + 1) or \
                self._numeric_comprehension(items, line, depth)
        if isinstance(items, ast.BinOp) and isinstance(items.op, ast.Mult):
            return self._constant_sequence(items.left) or self._constant_sequence(items.right)
        if isinstance(items, ast.Name):
            return self._safe_list_variable(items.id, line, depth)
        return self.is_safe(items, line, depth + 1)

    def _numeric_comprehension(self, items: ast.GeneratorExp | ast.ListComp, line: int,
                               depth: int) -> bool:
        """`f"${n}" for n in range(1, len(ids) + 1)`: placeholders numbered by `range()`, or
        an element that does not use the loop variable (`"?" for _ in ids`)."""
        numbers: set[str] = set()
        for generator in items.generators:
            is_range = isinstance(generator.iter, ast.Call) and \
                self.semantic.qualified_name(generator.iter.func) == "builtins.range"
            numbers.update(node.id for node in ast.walk(generator.target)
                           if isinstance(node, ast.Name) and is_range)
            if not is_range and any(isinstance(node, ast.Name) and node.id == getattr(
                    generator.target, "id", None) for node in ast.walk(items.elt)):
                return False
        return all(node.id in numbers or self.is_safe(node, line, depth + 1)
                   for node in ast.walk(items.elt) if isinstance(node, ast.Name))

    def _safe_list_variable(self, name: str, line: int, depth: int) -> bool:
        bindings = [b for b in self.semantic.bindings(name) if b.line <= line]
        if not bindings:
            return False
        for binding in bindings:
            if binding.value is None or not self.safe_items(binding.value, binding.line,
                                                             depth + 1):
                return False
        return self.list_is_safe(name)
