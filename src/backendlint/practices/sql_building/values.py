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
    ENUM_BASES,
    FRAGMENT_NAME,
    METADATA_ATTRIBUTES,
    METADATA_NAMES,
    QUOTING_FUNCTIONS,
    QUOTING_NAME,
    SAFE_VALUE_ATTRIBUTES,
    SAFE_VALUE_METHODS,
)
from backendlint.practices.sql_building.options import SqlBuildingOptions
from backendlint.practices.sql_building.templates import MAX_DEPTH, TemplateReader
from backendlint.semantic.analyze.arguments import named_parameters
from backendlint.semantic.analyze.attributes import attribute_chain_has, called_name
from backendlint.semantic.analyze.statements import nested_statements
from backendlint.semantic.analyze.validation import guarded_kind
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
        # Per class: attribute -> whether every assignment of it is a constant.
        self._class_constants: dict[int, dict[str, bool]] = {}

    def is_safe(self, expr: ast.expr, line: int, depth: int) -> bool:
        """The value cannot carry SQL syntax: a constant, a number, an allow-list lookup, a
        placeholder list, or a safe composition API."""
        if depth > MAX_DEPTH:
            return False
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):  # `parts, params = [], []`
            return all(self.is_safe(item, line, depth + 1) for item in expr.elts)
        if isinstance(expr, ast.BoolOp):  # `where or "1 = 1"`
            return all(self.is_safe(value, line, depth + 1) for value in expr.values)
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
            if not isinstance(expr, ast.BinOp):
                return False
            # Arithmetic on safe operands (`int(page) * PAGE_SIZE`) stays a number, and so
            # does `+`/`-`/`/` with one operand known to be a number (`facet_size + 1`,
            # `len(rest) + start`): on a string it would raise instead.
            if self.is_safe(expr.left, line, depth + 1) and \
                    self.is_safe(expr.right, line, depth + 1):
                return True
            return isinstance(expr.op, _NUMERIC_OPERATORS) and (
                self._numeric(expr.left, line, depth) or self._numeric(expr.right, line, depth))
        if isinstance(expr, (ast.Name, ast.Attribute, ast.Subscript)) and self._checked(expr):
            return True  # `if not isinstance(n, int): raise` or a word-only regex before
        if isinstance(expr, ast.Name):
            return self._safe_name(expr.id, line, depth)
        if isinstance(expr, ast.Attribute):
            return self._safe_attribute(expr, line, depth)
        if isinstance(expr, ast.Subscript):
            return self._allow_list(expr.value, line, depth) or (
                isinstance(expr.value, ast.Name) and self._safe_name(expr.value.id, line, depth))
        if isinstance(expr, ast.Call):
            return self._safe_call(expr, line, depth)
        return False

    def _checked(self, expr: ast.expr) -> bool:
        """The enclosing function checked the value before this use: a number, or a word
        of letters, digits and `_-$` (semantic/analyze/validation.py)."""
        function = self.semantic.current_function()
        return function is not None and guarded_kind(function, expr) is not None

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
            return self._comprehension_target(name, line)
        if binding.kind == "annassign" and self._safe_annotation(binding.annotation):
            return True  # `limit: int = ...`
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
            return isinstance(loop, (ast.For, ast.AsyncFor)) and (
                self._constant_literal(loop.iter, loop.lineno, 2)
                or self._catalog_rows(loop.iter, loop.lineno, 3))
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

    def _safe_attribute(self, expr: ast.Attribute, line: int, depth: int) -> bool:
        if expr.attr.isupper() and len(expr.attr) > 1:
            return True
        if expr.attr in sql_sinks.DBAPI_NUMBER_ATTRIBUTES:
            return True  # `cursor.lastrowid`, `cur.rowcount`: numbers
        if isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls"):
            # `self.table_name` is metadata only when the class sets it from a constant; a
            # constructor argument is whatever the caller passed.
            return self._class_constant(expr.attr)
        if expr.attr in METADATA_NAMES or \
                attribute_chain_has(expr, METADATA_ATTRIBUTES):
            return True  # ORM metadata: names chosen by the code, not by users
        if expr.attr in SAFE_VALUE_ATTRIBUTES and self.is_safe(expr.value, line, depth + 1):
            return True  # `uuid.uuid4().hex`, `Status.ACTIVE.value`
        return self._enum_member(expr)

    def _enum_member(self, expr: ast.Attribute) -> bool:
        """`Status.ACTIVE`: a member of an Enum class defined in this module."""
        if not isinstance(expr.value, ast.Name):
            return False
        binding = self.semantic.lookup(expr.value.id)
        node = binding.node if binding is not None else None
        if not isinstance(node, ast.ClassDef):
            return False
        return any(called_name(base) in ENUM_BASES for base in node.bases)

    def _class_constant(self, attribute: str) -> bool:
        """A class attribute, or an instance attribute every method sets, from a constant."""
        cls = self.semantic.enclosing_class()
        if cls is None:
            return False
        constants = self._class_constants.get(id(cls))
        if constants is None:
            constants = self._class_constants[id(cls)] = _constant_attributes(
                cls, self._safe_annotation)
        return constants.get(attribute, False)

    def _catalog_rows(self, expr: ast.expr, line: int, budget: int) -> bool:
        """Rows of a constant query over the database's own catalog (`sqlite_master`,
        `information_schema`, `SHOW TABLES`, `PRAGMA table_info`): the names in them are the
        database's, not a caller's. `cur.fetchall()` reads what the last `cur.execute()`
        before it ran."""
        if budget <= 0:
            return False
        if isinstance(expr, ast.Await):
            return self._catalog_rows(expr.value, line, budget)
        if isinstance(expr, ast.Name):
            binding = self.semantic.lookup(expr.id, before_line=line)
            return binding is not None and binding.kind in ("assign", "annassign") and \
                binding.value is not None and \
                self._catalog_rows(binding.value, binding.line, budget - 1)
        if isinstance(expr, ast.Attribute) and expr.attr == "rows":
            return self._catalog_rows(expr.value, line, budget)
        if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)):
            return False
        method, receiver = expr.func.attr, expr.func.value
        if method in ("fetchall", "fetchmany", "fetchone"):
            if isinstance(receiver, ast.Name):
                executed = self._last_execute(receiver.id, line)
                if executed is not None:
                    return self._catalog_text(executed, line)
            return self._catalog_rows(receiver, line, budget)
        if (method in sql_sinks.CURSOR_LIKE_METHODS or method in ("fetch", "query")) and \
                expr.args:
            return self._catalog_text(expr.args[0], line)
        return False

    def _comprehension_target(self, name: str, line: int) -> bool:
        """`[... {t} ... for (t,) in cur.fetchall()]`: a comprehension's target (the model
        does not bind them) over constants or catalog rows."""
        function = self.semantic.current_function()
        if function is None:
            return False
        for node in ast.walk(function):
            if not isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
                continue
            if not node.lineno <= line <= (node.end_lineno or node.lineno):
                continue
            for generator in node.generators:
                names = {n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name)}
                if name in names:
                    return self._constant_literal(generator.iter, line, 2) or \
                        self._catalog_rows(generator.iter, line, 3)
        return False

    def _last_execute(self, cursor: str, line: int) -> ast.expr | None:
        """The SQL of the last `cursor.execute(sql)` before `line` in this function."""
        function = self.semantic.current_function()
        if function is None:
            return None
        found: tuple[int, ast.expr] | None = None
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in sql_sinks.CURSOR_LIKE_METHODS and node.args and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id == cursor \
                    and node.lineno < line and (found is None or node.lineno > found[0]):
                found = (node.lineno, node.args[0])
        return found[1] if found is not None else None

    def _catalog_text(self, expr: ast.expr, line: int) -> bool:
        template = self.of(expr, line)
        return template is not None and not template.holes and \
            sql_sinks.CATALOG_QUERY.search("".join(template.literals())) is not None

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
                QUOTING_NAME.search(called_name(expr.func)) or \
                self._bound_to_quoting_function(expr.func):
            return True
        if qualified == "builtins.str" and len(expr.args) == 1:
            return self.is_safe(expr.args[0], line, depth + 1)
        definition = self._project_function(expr.func)
        if definition is not None and (_quotes_by_body(definition)
                                       or _returns_only_constants(definition)):
            return True
        if isinstance(expr.func, ast.Attribute):
            method = expr.func.attr
            if method in SAFE_VALUE_METHODS and self.is_safe(expr.func.value, line, depth + 1):
                return True  # `digest.hexdigest()`, `token.hex()`
            if attribute_chain_has(expr.func.value, METADATA_ATTRIBUTES):
                return True
            if method == "get" and expr.args:
                return self._allow_list(expr.func.value, line, depth)
            if method == "join":
                template = self.join(expr, line, depth)
                return template is not None and not template.dynamic
        return False

    def _project_function(self, func: ast.expr) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The definition of a function of this module (`quote(x)`) or a method of the
        enclosing class (`self._operator(op)`) being called."""
        if isinstance(func, ast.Name):
            binding = self.semantic.lookup(func.id)
            node = binding.node if binding is not None else None
            return node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                func.value.id in ("self", "cls"):
            cls = self.semantic.enclosing_class()
            for statement in cls.body if cls is not None else []:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                        statement.name == func.attr:
                    return statement
        return None

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

    def _numeric(self, expr: ast.expr, line: int, depth: int) -> bool:
        """Known to be a number: an int or float literal, or `len()`/`int()`/... of anything."""
        if isinstance(expr, ast.Constant):
            return isinstance(expr.value, (int, float)) and not isinstance(expr.value, bool)
        if isinstance(expr, ast.Call):
            qualified = self.semantic.qualified_name(expr.func) or ""
            return qualified in sql_sinks.NUMERIC_FUNCTIONS
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, _NUMERIC_OPERATORS):
            return self._numeric(expr.left, line, depth) or \
                self._numeric(expr.right, line, depth)
        return False

    def _numeric_comprehension(self, items: ast.GeneratorExp | ast.ListComp, line: int,
                               depth: int) -> bool:
        """`f"${n}" for n in range(1, len(ids) + 1)`: placeholders numbered by `range()`, or
        an element that does not use the loop variable (`"?" for _ in ids`)."""
        numbers: set[str] = set()
        for generator in items.generators:
            called = self.semantic.qualified_name(generator.iter.func) \
                if isinstance(generator.iter, ast.Call) else None
            is_range = called == "builtins.range"
            numbers.update(node.id for node in ast.walk(generator.target)
                           if isinstance(node, ast.Name) and is_range)
            target = generator.target
            if called == "builtins.enumerate" and isinstance(target, ast.Tuple) and \
                    target.elts and isinstance(target.elts[0], ast.Name):
                numbers.add(target.elts[0].id)  # `for i, pk in enumerate(...)`: i counts
            if not is_range and any(isinstance(node, ast.Name) and node.id == getattr(
                    generator.target, "id", None) for node in ast.walk(items.elt)):
                return False
        template = self.of(items.elt, line, depth + 1)
        if template is not None:
            return all(hole.safe or _counts(hole.expr, numbers) for hole in template.holes)
        return all(node.id in numbers or self.is_safe(node, line, depth + 1)
                   for node in ast.walk(items.elt) if isinstance(node, ast.Name))

    def _safe_list_variable(self, name: str, line: int, depth: int) -> bool:
        bindings = [b for b in self.semantic.bindings(name) if b.line <= line]
        if not bindings:
            return False
        for binding in bindings:
            value = binding.value if binding.value is not None else \
                _unpacked_value(binding.node, name)
            if value is None or not self.safe_items(value, binding.line, depth + 1):
                return False
        return self.list_is_safe(name)


def _quotes_by_body(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A project's own quoting helper: it doubles the quote character
    (`name.replace('"', '""')`) or backslash-escapes it, and so cannot let a quote through."""
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "replace" and len(node.args) == 2):
            continue
        old, new = node.args
        if isinstance(old, ast.Constant) and isinstance(new, ast.Constant) and \
                old.value in ('"', "'", "`", "]") and \
                new.value in (old.value * 2, "\\" + str(old.value)):
            return True
    return False


def _returns_only_constants(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Every `return` gives a constant (`_operator(op)` mapping an enum to "=", ">", ...)."""
    returns = [node for node in ast.walk(function) if isinstance(node, ast.Return)]
    return bool(returns) and all(isinstance(node.value, ast.Constant) for node in returns)


def _unpacked_value(node: ast.AST, name: str) -> ast.expr | None:
    """The element bound to `name` by `a, b = x, y` (the model records no value there)."""
    if not (isinstance(node, ast.Assign) and isinstance(node.value, (ast.Tuple, ast.List))):
        return None
    for target in node.targets:
        if isinstance(target, (ast.Tuple, ast.List)) and \
                len(target.elts) == len(node.value.elts):
            for element, value in zip(target.elts, node.value.elts):
                if isinstance(element, ast.Name) and element.id == name:
                    return value
    return None


_NUMERIC_OPERATORS = (ast.Add, ast.Sub, ast.Div, ast.FloorDiv, ast.Pow)


def doubles_single_quote(expr: ast.expr) -> bool:
    """`name.replace("'", "''")`: the value cannot end a single-quoted literal (it still can
    end a double-quoted identifier)."""
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and \
        expr.func.attr == "replace" and len(expr.args) == 2 and all(
            isinstance(arg, ast.Constant) for arg in expr.args) and \
        [arg.value for arg in expr.args] in (["'", "''"], ["'", "\\'"])  # type: ignore[attr-defined]


def _counts(expr: ast.expr, numbers: set[str]) -> bool:
    """A loop counter, or arithmetic with one (`i + start`: a number, or it would raise)."""
    if isinstance(expr, ast.Name):
        return expr.id in numbers
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, _NUMERIC_OPERATORS):
        return _counts(expr.left, numbers) or _counts(expr.right, numbers)
    return False


def _constant_attributes(cls: ast.ClassDef,
                         safe_annotation: Callable[[ast.expr | None], bool]) -> dict[str, bool]:
    """Attribute -> whether the class body and every `self.<attribute> = ...` in its methods
    assign it a constant, a parameter annotated as a number (`similarity_top_k: int`) or a
    number conversion (`int(x)`, `len(x)`) (one walk of the class)."""
    found: dict[str, bool] = {}
    for statement in cls.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target, value = statement.target, statement.value
        else:
            continue
        if isinstance(target, ast.Name):
            found[target.id] = found.get(target.id, True) and isinstance(value, ast.Constant)
    for method in cls.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        numbers = {arg.arg for arg in named_parameters(method.args)
                   if safe_annotation(arg.annotation)}
        for node in nested_statements(method):
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "self":
                    found[target.attr] = found.get(target.attr, True) and \
                        _constant_or_number(node.value, numbers)
    return found


def _constant_or_number(value: ast.expr | None, numbers: set[str]) -> bool:
    if isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.Name):
        return value.id in numbers
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and \
        value.func.id in ("int", "float", "len", "round")
