"""sql-building: SQL strings built from non-constant values, confirmed by sqlglot.

One shared analysis per file (`_FileAnalysis`) serves the three rules, so a file is analysed
once however many of them are enabled: the visit methods are the practice's shared handlers
(the engine calls them once per node, on the first rule) and forward to it, and each rule
reports its own code in `finish()`.

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
import logging
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Union

from backendlint.context import is_test_path
from backendlint.diagnostics import Fix, FixAvailability, RelatedLocation, Severity
from backendlint.fixes import make_fix
from backendlint.rule import Location, PracticeOptions, Rule
from backendlint.rules import sql_sinks
from backendlint.rules.fastapi_api import is_path_operation_decorator
from backendlint.rules.sql_sinks import Sink
from backendlint.semantic import named_parameters

if TYPE_CHECKING:
    from backendlint.context import FileContext, ProjectContext


@dataclass
class SqlBuildingOptions(PracticeOptions):
    # Qualified names or fnmatch patterns of project calls that execute SQL (`app.db.run`).
    extra_sinks: list[str] = field(default_factory=list)
    # Qualified names or patterns whose results are safe to interpolate (an allow-list helper).
    extra_safe_functions: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- is it SQL?

# Templates larger than this are judged by the keyword check alone.
MAX_PARSE_CHARS = 20_000
_HOLE = "__blh{}__"
_LEADING = re.compile(
    r"\A(?:\s|\(|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*"
    r"(select|insert|update|delete|with|create|drop|alter|merge|replace|truncate|upsert)\b",
    re.IGNORECASE | re.DOTALL)
_SECOND = re.compile(r"\b(from|into|set|where|values|table|join|index|view|as)\b",
                     re.IGNORECASE)
_DRIVER_PLACEHOLDER = re.compile(r"%\(\w+\)s|%s")
_SENTENCE_END = re.compile(r"[A-Za-z][.!?]\s*\Z")
# Keywords after which an interpolated word is part of the grammar, not a trailing modifier.
_GRAMMAR_WORDS = frozenset({"from", "by", "select", "where", "and", "or", "join", "table",
                            "into", "update", "set", "on", "as", "limit", "offset", "in",
                            "not", "like", "is", "values", "having", "when", "then", "else"})


def keyword_gate(text: str) -> bool:
    """Cheap pre-check: a statement keyword first (in upper or lower case, not a sentence's
    capitalised word) and a second SQL keyword somewhere after it."""
    match = _LEADING.match(text)
    if match is None:
        return False
    word = match.group(1)
    if not (word.isupper() or word.islower()):
        return False
    if _SENTENCE_END.search(text):
        return False
    return _SECOND.search(text, match.end()) is not None


@dataclass(frozen=True)
class SqlShape:
    is_sql: bool
    # Per hole: "value" (a bare value: fixable), "partial" (inside a quoted literal with other
    # text), or "identifier" (a table/column name or SQL syntax).
    positions: tuple[str, ...] = ()


NOT_SQL = SqlShape(False)


def _fill(literals: tuple[str, ...], blank: frozenset[int] = frozenset()) -> str:
    pieces: list[str] = []
    for index, literal in enumerate(literals):
        pieces.append(_DRIVER_PLACEHOLDER.sub("?", literal))
        if index < len(literals) - 1:
            pieces.append("" if index in blank else _HOLE.format(index))
    return "".join(pieces)


@lru_cache(maxsize=4096)
def sql_shape(literals: tuple[str, ...]) -> SqlShape:
    """Whether the literal parts with a placeholder in each hole between them form a SQL
    statement, and where each hole sits. Never raises."""
    try:
        return _sql_shape(literals)
    except Exception:  # noqa: BLE001 - sqlglot must never stop a run: "not SQL"
        return NOT_SQL


def _sql_shape(literals: tuple[str, ...]) -> SqlShape:
    holes = len(literals) - 1
    text = _fill(literals)
    if not keyword_gate(text):
        return NOT_SQL
    if len(text) > MAX_PARSE_CHARS:
        return SqlShape(True, ("identifier",) * holes)
    statement = _parse_statement(text)
    if statement is None:
        statement = _parse_statement(_fill(literals, _trailing_word_holes(literals)))
    if statement is None:
        return NOT_SQL
    return SqlShape(True, tuple(_position(statement, index) for index in range(holes)))


def _trailing_word_holes(literals: tuple[str, ...]) -> frozenset[int]:
    """Holes written after a plain word (`ORDER BY name {direction}`): blanked on the second
    parse attempt, since a placeholder there reads as a stray identifier."""
    blank: set[int] = set()
    for index in range(len(literals) - 1):
        before = literals[index]
        words = before.rstrip().split()
        follows_hole = index > 0 and not before.strip()
        if follows_hole or (before[-1:].isspace() and words
                            and words[-1].isidentifier()
                            and words[-1].lower() not in _GRAMMAR_WORDS):
            blank.add(index)
    return frozenset(blank)


def _parse_statement(text: str) -> Any:
    import sqlglot
    from sqlglot import exp

    # sqlglot logs a warning for every statement it falls back to parsing as a Command; to
    # us that is just "not a statement we recognise".
    logging.getLogger("sqlglot").setLevel(logging.ERROR)

    statement_types: tuple[type, ...] = (exp.Select, exp.Insert, exp.Update, exp.Delete, exp.Create, exp.Drop,
                       exp.Merge, exp.Union, exp.Intersect, exp.Except)
    alter = getattr(exp, "Alter", None) or getattr(exp, "AlterTable", None)
    if alter is not None:
        statement_types = (*statement_types, alter)
    for dialect in (None, "postgres", "mysql"):
        try:
            parsed = sqlglot.parse(text, read=dialect)
        except Exception:  # noqa: BLE001, S112 - any parser failure means "not this dialect"
            continue
        statements = [node for node in parsed if node is not None]
        if statements and all(isinstance(node, statement_types) for node in statements):
            if _reads_like_prose(statements[0]):
                return None
            return statements[0]
    return None


# English determiners and pronouns: `select one from the menu` parses as SQL reading from a
# table named `the`, but no schema names its tables so.
_PROSE_TABLE_WORDS = frozenset({
    "the", "a", "an", "your", "my", "our", "their", "this", "that", "these", "those", "its",
    "his", "her", "each", "every", "any", "some", "it", "them", "which", "what", "here",
    "there", "following",
})


def _reads_like_prose(statement: Any) -> bool:
    from sqlglot import exp

    for table in statement.find_all(exp.Table):
        identifier = table.this
        quoted = isinstance(identifier, exp.Identifier) and identifier.quoted
        if not quoted and table.name.lower() in _PROSE_TABLE_WORDS:
            return True
    return False


def _position(statement: Any, index: int) -> str:
    from sqlglot import exp

    marker = _HOLE.format(index)
    kinds: set[str] = set()
    for node in statement.walk():
        if isinstance(node, exp.Literal) and node.is_string and marker in node.this:
            kinds.add("value" if node.this == marker else "partial")
        elif isinstance(node, exp.Column) and node.name == marker and not node.table:
            kinds.add("value" if _value_slot(node) else "identifier")
        elif isinstance(node, exp.Identifier) and marker in node.this and (
                not isinstance(node.parent, exp.Column) or node.this != marker):
            kinds.add("identifier")
    if len(kinds) == 1:
        return kinds.pop()
    return "identifier" if "identifier" in kinds or not kinds else "partial"


def _value_slot(column: Any) -> bool:
    """A bare placeholder read as a column sits where a value goes: the right side of a
    comparison, an IN list, a VALUES row, LIMIT/OFFSET, or a SET right-hand side."""
    from sqlglot import exp

    parent = column.parent
    if isinstance(parent, (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Like,
                           exp.ILike)):
        return parent.args.get("expression") is column
    if isinstance(parent, (exp.In, exp.Limit, exp.Offset, exp.Between)):
        return parent.args.get("this") is not column
    if isinstance(parent, exp.Tuple):
        return isinstance(parent.parent, exp.Values)
    return False


# ---------------------------------------------------------------------------- templates


class Hole:
    """An interpolated value. Whether it is safe is decided on first use: most templates are
    not SQL, and the keyword gate rejects them before any value is examined."""

    __slots__ = ("_judge", "_safe", "expr", "simple")

    def __init__(self, expr: ast.expr, judge: Callable[[], bool], simple: bool) -> None:
        self.expr = expr
        self.simple = simple  # a plain `{expr}` in an f-string: no conversion or format spec
        self._judge = judge
        self._safe: bool | None = None

    @property
    def safe(self) -> bool:
        if self._safe is None:
            self._safe = self._judge()
        return self._safe


Part = Union[str, Hole]


@dataclass
class Template:
    parts: list[Part]
    form: str                      # f-string, %-format, .format(), concatenation, str.join
    build: ast.expr | None      # the first expression that builds it from values
    variable: str | None = None  # the local variable it was read from

    @property
    def holes(self) -> list[Hole]:
        return [part for part in self.parts if isinstance(part, Hole)]

    @property
    def dynamic(self) -> bool:
        return any(not hole.safe for hole in self.holes)

    def literals(self) -> tuple[str, ...]:
        """Literal text between holes (one more item than there are holes)."""
        pieces = [""]
        for part in self.parts:
            if isinstance(part, Hole):
                pieces.append("")
            else:
                pieces[-1] += part
        return tuple(pieces)


def _merge(form: str, build: ast.expr | None, *templates: Template) -> Template:
    parts: list[Part] = []
    for template in templates:
        parts.extend(template.parts)
    first_build = next((t.build for t in templates if t.build is not None), None)
    return Template(parts, form if build is not None else templates[0].form,
                    build or first_build)


_PERCENT = re.compile(r"%(?:\((?P<key>\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[hlL]?"
                      r"(?P<kind>[diouxXeEfFgGcrsa%])")
_MAX_DEPTH = 8
_REQUEST_ATTRIBUTES = frozenset({"GET", "POST", "body", "COOKIES", "query_params",
                                 "path_params", "data", "args", "form", "values", "json",
                                 "cookies", "headers"})
_STR_ANNOTATIONS = frozenset({"str", "Optional", "Query", "Path", "Form", "Body", "Header",
                              "Cookie"})
_LOGGING_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception",
                              "critical", "log", "print", "echo", "secho", "write"})


class _Templates:
    """Turns expressions into templates: literal text and holes, through local variables."""

    def __init__(self, analysis: _FileAnalysis) -> None:
        self.analysis = analysis
        self.ctx = analysis.ctx
        self.semantic = analysis.ctx.semantic
        self.options = analysis.options

    # -- building ----------------------------------------------------------------------
    def of(self, expr: ast.expr, line: int, depth: int = 0) -> Template | None:
        """The template of a string expression, or None when it is not one we can read."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(expr, ast.Constant):
            return Template([expr.value], "literal", None) if isinstance(expr.value, str) \
                else None
        if isinstance(expr, ast.JoinedStr):
            return self._fstring(expr, line, depth)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            return self._concat(expr, line, depth)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod):
            return self._percent(expr, line, depth)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
            if expr.func.attr == "format":
                return self._format(expr, line, depth)
            if expr.func.attr == "join":
                return self._join(expr, line, depth)
        if isinstance(expr, ast.Name):
            return self._variable(expr.id, line, depth)
        return None

    def _hole(self, expr: ast.expr, line: int, depth: int, simple: bool = False) -> Hole:
        return Hole(expr, lambda: self.is_safe(expr, line, depth + 1), simple)

    def _fstring(self, expr: ast.JoinedStr, line: int, depth: int) -> Template:
        parts: list[Part] = []
        for value in expr.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(value.value)
            elif isinstance(value, ast.FormattedValue):
                simple = value.conversion == -1 and value.format_spec is None
                parts.append(self._hole(value.value, line, depth, simple))
        dynamic = any(isinstance(p, Hole) for p in parts)
        return Template(parts, "f-string", expr if dynamic else None)

    def _piece(self, expr: ast.expr, line: int, depth: int) -> Template:
        template = self.of(expr, line, depth + 1)
        if template is not None:
            return template
        return Template([self._hole(expr, line, depth)], "concatenation", expr)

    def _concat(self, expr: ast.BinOp, line: int, depth: int) -> Template | None:
        left = self.of(expr.left, line, depth + 1)
        right = self.of(expr.right, line, depth + 1)
        if left is None and right is None:
            return None
        left = left or self._piece(expr.left, line, depth)
        right = right or self._piece(expr.right, line, depth)
        merged = _merge("concatenation", None, left, right)
        if merged.build is not None and merged.form == "literal":
            merged.form = "concatenation"
        return merged

    def _percent(self, expr: ast.BinOp, line: int, depth: int) -> Template | None:
        if not (isinstance(expr.left, ast.Constant) and isinstance(expr.left.value, str)):
            return None
        text = expr.left.value
        values = self._percent_values(expr.right, text)
        parts: list[Part] = []
        position = 0
        used = 0
        for match in _PERCENT.finditer(text):
            parts.append(text[position:match.start()])
            position = match.end()
            if match.group("kind") == "%":
                parts.append("%")
                continue
            key = match.group("key")
            value = values.get(key) if key else values.get(used)
            used += 0 if key else 1
            parts.append(self._hole(value if value is not None else expr.right, line, depth))
        parts.append(text[position:])
        return Template(parts, "%-format", expr)

    @staticmethod
    def _percent_values(right: ast.expr, text: str) -> dict[Any, ast.expr]:
        if isinstance(right, ast.Tuple):
            return dict(enumerate(right.elts))
        if isinstance(right, ast.Dict) and "%(" in text:
            return {key.value: value for key, value in zip(right.keys, right.values)
                    if isinstance(key, ast.Constant)}
        return {0: right}

    def _format(self, expr: ast.Call, line: int, depth: int) -> Template | None:
        receiver = expr.func.value  # type: ignore[attr-defined]
        if not (isinstance(receiver, ast.Constant) and isinstance(receiver.value, str)):
            return None
        try:
            fields = list(string.Formatter().parse(receiver.value))
        except ValueError:
            return None
        keywords = {k.arg: k.value for k in expr.keywords if k.arg}
        parts: list[Part] = []
        auto = 0
        for literal, name, _spec, _conversion in fields:
            parts.append(literal)
            if name is None:
                continue
            base = re.split(r"[.\[]", name, maxsplit=1)[0]
            value: ast.expr | None
            if base == "":
                value = expr.args[auto] if auto < len(expr.args) else None
                auto += 1
            elif base.isdigit():
                index = int(base)
                value = expr.args[index] if index < len(expr.args) else None
            else:
                value = keywords.get(base)
            parts.append(self._hole(value if value is not None else expr, line, depth))
        return Template(parts, ".format()", expr)

    def _join(self, expr: ast.Call, line: int, depth: int) -> Template | None:
        separator = expr.func.value  # type: ignore[attr-defined]
        if not (isinstance(separator, ast.Constant) and isinstance(separator.value, str)):
            return None
        if len(expr.args) != 1:
            return None
        items = expr.args[0]
        hole = Hole(items, lambda: self._safe_items(items, line, depth + 1), False)
        return Template([hole], "str.join", expr)

    def _variable(self, name: str, line: int, depth: int) -> Template | None:
        """A local string variable: its last plain assignment before `line` followed by the
        `+=` pieces added after it (strings built across several statements)."""
        bindings = [b for b in self.semantic.bindings(name) if b.line <= line]
        if not bindings:
            return None
        start = None
        for index in range(len(bindings) - 1, -1, -1):
            if bindings[index].kind in ("assign", "annassign"):
                start = index
                break
            if bindings[index].kind != "augassign":
                return None
        if start is None or bindings[start].value is None:
            return None
        first = bindings[start]
        assert first.value is not None
        template = self.of(first.value, first.line - 1, depth + 1)
        if template is None:
            return None
        pieces = [template]
        for binding in bindings[start + 1:]:
            node = binding.node
            if not (isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add)):
                return None
            pieces.append(self._piece(node.value, binding.line - 1, depth))
        merged = _merge(template.form, None, *pieces)
        if merged.form == "literal" and merged.build is not None:
            merged.form = "concatenation"
        merged.variable = name
        return merged

    # -- safety ------------------------------------------------------------------------
    def is_safe(self, expr: ast.expr, line: int, depth: int) -> bool:
        """The value cannot carry SQL syntax: a constant, a number, an allow-list lookup, a
        placeholder list, or a safe composition API."""
        if depth > _MAX_DEPTH:
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
            return _FRAGMENT_NAME.search(name) is not None and \
                self.of(binding.value, binding.line - 1, depth + 1) is None
        if binding.kind == "param":
            return self._safe_annotation(binding.annotation) or \
                _FRAGMENT_NAME.search(name) is not None
        if binding.kind == "for":
            loop = binding.node
            return isinstance(loop, (ast.For, ast.AsyncFor)) and \
                self._constant_literal(loop.iter, loop.lineno, 2)
        if binding.kind == "import":
            return name.isupper()
        return _FRAGMENT_NAME.search(name) is not None

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
        if expr.attr in ("db_table", "table_name", "__tablename__", "__table__") or \
                _attribute_chain_has(expr, _METADATA_ATTRIBUTES):
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
        if _called_name(expr.func) in _QUOTING_FUNCTIONS or \
                self._bound_to_quoting_function(expr.func):
            return True
        if isinstance(expr.func, ast.Attribute):
            method = expr.func.attr
            if _attribute_chain_has(expr.func.value, _METADATA_ATTRIBUTES):
                return True
            if method == "get" and expr.args:
                return self._allow_list(expr.func.value, line, depth)
            if method == "join":
                template = self._join(expr, line, depth)
                return template is not None and not template.dynamic
        return False

    def _bound_to_quoting_function(self, func: ast.expr) -> bool:
        """`qn = connection.ops.quote_name` then `qn(column)`."""
        if not isinstance(func, ast.Name):
            return False
        value = self.semantic.value_of(func.id)
        return value is not None and _called_name(value) in _QUOTING_FUNCTIONS

    def _safe_items(self, items: ast.expr, line: int, depth: int) -> bool:
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
            if binding.value is None or not self._safe_items(binding.value, binding.line,
                                                             depth + 1):
                return False
        return self.analysis.list_is_safe(name)


# ---------------------------------------------------------------------------- analysis


@dataclass
class _Report:
    code: str
    location: Location
    message: str
    fix: Fix | None = None


@dataclass
class _Candidate:
    """Dynamic SQL built in a function that no sink has consumed yet."""

    location: Location
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


def analysis_for(ctx: FileContext, options: SqlBuildingOptions) -> _FileAnalysis:
    return ctx.shared_state("sql-building", lambda: _FileAnalysis(ctx, options))


class _FileAnalysis:
    def __init__(self, ctx: FileContext, options: SqlBuildingOptions) -> None:
        self.ctx = ctx
        self.options = options
        self.templates = _Templates(self)
        self.reports: list[_Report] = []
        self.functions: list[_FunctionState] = [_FunctionState(ctx.tree, False)]
        self.returns: dict[str, dict[str, Any]] = {}
        self.sink_calls: dict[str, dict[str, Any]] = {}
        self.finished = False
        self.bl303_enabled = ctx.settings.is_enabled_for(SqlFromRequestData.code, ctx.path)
        self.uses_django = ctx.semantic.imports_any(("django",))
        # Resolving every call is the costly part; only calls named like a sink are resolved
        # (None: an extra-sinks pattern ends in a wildcard, so every call is a candidate).
        self.sink_names = sql_sinks.sink_call_names(options.extra_sinks)

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
                self.returns.setdefault(name, {"location": candidate.location,
                                               "form": candidate.form})
                continue
            self.reports.append(_Report(StoredDynamicSql.code, candidate.location,
                                        _stored_message(candidate)))

    def finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        while len(self.functions) > 1:
            self.leave_function()
        self._flush(self.functions[0])
        facts = self.ctx.practice_facts(SqlInjectionReachesSink.practice)
        facts["returns"] = self.returns
        facts["sink_calls"] = sorted(self.sink_calls.values(),
                                     key=lambda item: (item["location"]["line"],
                                                       item["callee"]))

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
                self.function.candidates[key] = _Candidate(self.ctx.location(value),
                                                           template.form)
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
            key, _Candidate(self.ctx.location(value), template.form))
        candidate.returned = True

    # -- calls -------------------------------------------------------------------------
    def call(self, node: ast.Call) -> None:
        self._record_append(node)
        sink = self._sink_of(node)
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
                        _Candidate(self.ctx.location(argument), template.form))

    def _is_quiet_call(self, node: ast.Call) -> bool:
        """Logging, printing and exceptions only show a string; never a place SQL runs."""
        qualified = self.ctx.semantic.qualified_name(node.func) or ""
        if qualified.startswith(("builtins.", "logging.", "warnings.")):
            return True
        if isinstance(node.func, ast.Attribute):
            return node.func.attr in _LOGGING_METHODS or node.func.attr in ("format", "join")
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
            safe = self.templates._safe_items(value, line, 0)
        lists = self.function.lists
        lists[name] = lists.get(name, True) and safe

    def list_is_safe(self, name: str) -> bool:
        return self.function.lists.get(name, True)

    def _sink_of(self, node: ast.Call) -> Sink | None:
        if self.sink_names is not None and _called_name(node.func) not in self.sink_names:
            return None
        qualified = self.ctx.semantic.qualified_name(node.func) or \
            self._injected_attribute_call(node.func)
        if qualified is not None:
            sink = sql_sinks.resolve_sink(qualified, self.options.extra_sinks)
            if sink is not None:
                return sink
        if not isinstance(node.func, ast.Attribute):
            return None
        method = node.func.attr
        if self.uses_django and _has_objects_chain(node.func.value):
            return sql_sinks.django_manager_sink(method)
        if (method in sql_sinks.CURSOR_LIKE_METHODS
                or method in sql_sinks.CURSOR_LIKE_QUERY_METHODS) and \
                _receiver_name(node.func.value) in sql_sinks.CURSOR_LIKE_NAMES:
            return sql_sinks.cursor_like_sink(method)
        return None

    def _injected_attribute_call(self, func: ast.expr) -> str | None:
        """`self.pool.fetch` where a method stored an annotated parameter: `def
        __init__(self, pool: asyncpg.Pool): self.pool = pool` (the model resolves assignments
        of call results, not of parameters of another method)."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)
                and isinstance(func.value.value, ast.Name)
                and func.value.value.id == "self"):
            return None
        cls = self.ctx.semantic.enclosing_class()
        if cls is None:
            return None
        attribute = func.value.attr
        for method in cls.body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            annotations = {arg.arg: arg.annotation for arg in _arguments(method)
                           if arg.annotation is not None}
            for statement in method.body:
                if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                        and isinstance(statement.value, ast.Name)):
                    continue
                target = statement.targets[0]
                if (isinstance(target, ast.Attribute) and target.attr == attribute
                        and statement.value.id in annotations):
                    kind = self.ctx.semantic.qualified_name(annotations[statement.value.id])
                    return f"{kind}().{func.attr}" if kind else None
        return None

    def _sql_argument(self, node: ast.Call, sink: Sink) -> ast.expr | None:
        if len(node.args) > sink.sql_index:
            argument = node.args[sink.sql_index]
            return None if isinstance(argument, ast.Starred) else argument
        for keyword in node.keywords:
            if keyword.arg in (sink.sql_keyword, "sql", "query", "statement"):
                return keyword.value
        return None

    def _check_sink(self, node: ast.Call, sink: Sink) -> None:
        if sink.label.startswith("Django `QuerySet.extra"):
            self._check_extra(node, sink)
            return
        argument = self._sql_argument(node, sink)
        if argument is None:
            return
        line = self.line()
        template = self.templates.of(argument, line)
        if template is None:
            if self._statement_object(argument):
                return
            if sink.confirmed and self.is_request(argument, line, 0):
                self._report_request(node, argument, sink, None)
            else:
                self._record_project_call(argument, sink, line)
            return
        if not self._is_dynamic_sql(template):
            return
        self._consume(template, argument)
        requested = [h for h in template.holes if not h.safe and self.is_request(h.expr, line, 0)]
        if requested and self.bl303_enabled:
            self._report_request(node, argument, sink, requested)
            return
        self._report_sink(node, argument, sink, template)

    def _statement_object(self, expr: ast.expr) -> bool:
        """A SQLAlchemy statement built with its API (`select(User).where(User.id == uid)`,
        `update(...)`, `text(...)`, or a name assigned one; the semantic model follows the
        chain): values go in as bound parameters, and a `text()` is checked where it is
        called."""
        return (self.ctx.semantic.qualified_name(expr) or "").startswith(_QUERY_BUILDER_ROOTS)

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
        location = self.ctx.location(argument)
        self.sink_calls[f"{callee}@{location['line']}"] = {
            "callee": callee, "sink": sink.label, "location": location}

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
            where = f" (built with {_article(template.form)} on line {template.build.lineno})"
        message = f"SQL built with {_article(template.form)} reaches {sink.label}{where}; "
        if identifiers:
            shown = dict.fromkeys(ast.unparse(template.holes[i].expr) for i in identifiers)
            names = ", ".join(f"`{name}`" for name in shown)
            message += (f"{names} is a table/column name or SQL syntax: check it against an "
                        "allow-list")
            fix = None
        else:
            message += _rewrite_advice(self.ctx.source.segment(node.func) or "execute", sink,
                                       template, shape)
            fix = self._fix(node, argument, sink, template, shape) if allow_fix else None
        self.reports.append(_Report(SqlInjectionReachesSink.code, self.ctx.location(argument),
                                    message, fix))

    def _report_request(self, node: ast.Call, argument: ast.expr, sink: Sink,
                        requested: list[Hole] | None) -> None:
        if not requested:
            what = f"`{ast.unparse(argument)}` comes straight from the request"
        else:
            names = ", ".join(f"`{ast.unparse(h.expr)}`" for h in requested)
            what = f"request data ({names}) is formatted into the SQL"
        style = sql_sinks.STYLE_NAMES.get(sink.style or "", "the driver's placeholders")
        message = (f"{sink.label} runs SQL where {what}; bind the values with "
                   f"{style} placeholders (identifiers: check them against an allow-list)")
        self.reports.append(_Report(SqlFromRequestData.code, self.ctx.location(argument),
                                    message))

    def _fix(self, node: ast.Call, argument: ast.expr, sink: Sink, template: Template,
             shape: SqlShape) -> Fix | None:
        """Only an f-string written directly in a sink call with no parameters yet, for a
        known driver whose parameters go after the SQL, with every hole a bare value."""
        if not isinstance(argument, ast.JoinedStr) or sink.style in (None, sql_sinks.NAMED):
            return None
        if len(node.args) != 1 or node.keywords or node.args[0] is not argument:
            return None
        if not all(hole.simple for hole in template.holes):
            return None
        if any(position != "value" for position in shape.positions):
            return None
        rewritten = _parameterised(template, sink.style)
        if rewritten is None:
            return None
        sql, params = rewritten
        return make_fix(f"Pass the values as parameters with {sql_sinks.STYLE_NAMES[sink.style]}"
                        " placeholders", [self.ctx.replace(argument, f"{sql}, {params}")],
                        safe=False)

    # -- request data ------------------------------------------------------------------
    def is_request(self, expr: ast.expr, line: int, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return False
        for node in ast.walk(expr):
            if isinstance(node, ast.Attribute) and self._request_attribute(node):
                return True
            if isinstance(node, ast.Name) and self._request_name(node.id, line, depth):
                return True
        return False

    def _request_attribute(self, node: ast.Attribute) -> bool:
        qualified = self.ctx.semantic.qualified_name(node) or ""
        if qualified.startswith("flask.request.") and node.attr in _REQUEST_ATTRIBUTES:
            return True
        if node.attr not in _REQUEST_ATTRIBUTES or not isinstance(node.value, ast.Name):
            return False
        binding = self.ctx.semantic.lookup(node.value.id)
        if binding is None or binding.kind != "param":
            return False
        if node.value.id == "request":
            return node.attr in ("GET", "POST", "query_params", "COOKIES", "path_params",
                                 "data")
        annotation = self.ctx.semantic.qualified_name(binding.annotation) \
            if binding.annotation is not None else None
        return annotation is not None and annotation.endswith(("Request()", "HttpRequest()"))

    def _request_name(self, name: str, line: int, depth: int) -> bool:
        binding = self.ctx.semantic.lookup(name, before_line=line)
        if binding is None:
            return False
        if binding.kind == "param":
            return self._endpoint_parameter(binding.node, binding.annotation)
        if binding.kind in ("assign", "annassign") and binding.value is not None:
            return self.is_request(binding.value, binding.line - 1, depth + 1)
        return False

    def _endpoint_parameter(self, arg: ast.AST, annotation: ast.expr | None) -> bool:
        """A string parameter of a FastAPI route function: filled from the query or path."""
        function = self.ctx.semantic.current_function()
        if function is None or arg not in _arguments(function):
            return False
        if not any(self._is_route_decorator(d) for d in function.decorator_list):
            return False
        if annotation is None:
            return True
        names = {getattr(node, "id", getattr(node, "attr", ""))
                 for node in ast.walk(annotation)} - {""}
        return "str" in names and not names - _STR_ANNOTATIONS - {"None", "Annotated",
                                                                  "typing", "fastapi"}

    def _is_route_decorator(self, decorator: ast.expr) -> bool:
        return is_path_operation_decorator(self.ctx.semantic, decorator)


# Calls that quote an identifier for the database in use.
_QUOTING_FUNCTIONS = frozenset({"quote_name", "quote_name_unless_alias", "quote_ident",
                                "quote_identifier", "identifier_converter", "quote_table_name",
                                "quote_column_name"})
# Django's `connection.ops` / `connection.introspection` and `Model._meta` produce SQL and
# names from the backend and the models, never from users.
_METADATA_ATTRIBUTES = frozenset({"_meta", "ops", "introspection", "features"})
# Variables and parameters named as SQL fragments (`where_sql`, `order_clause`, `subquery`)
# carry composed SQL from the code that built them; interpolating one is composition, and
# the values inside it are judged where that fragment is built.
_FRAGMENT_NAME = re.compile(r"(?:^|_)(?:sql|clause|clauses|subquery|fragment)$")


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _attribute_chain_has(expr: ast.expr, names: frozenset[str]) -> bool:
    current = expr
    for _ in range(_MAX_DEPTH):
        if isinstance(current, ast.Call):
            current = current.func
        elif isinstance(current, ast.Attribute):
            if current.attr in names:
                return True
            current = current.value
        else:
            return False
    return False


def _arguments(function: ast.AST) -> list[ast.arg]:
    args = getattr(function, "args", None)
    return named_parameters(args) if isinstance(args, ast.arguments) else []


_OBJECTS = frozenset({"objects"})


def _has_objects_chain(expr: ast.expr) -> bool:
    """`Model.objects.raw`, `Model.objects.filter(...).extra`: a Django manager chain."""
    return _attribute_chain_has(expr, _OBJECTS)


# Query-builder APIs whose statements carry values as bound parameters.
_QUERY_BUILDER_ROOTS = ("sqlalchemy.", "sqlmodel.", "flask_sqlalchemy.")


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


def _article(form: str) -> str:
    return {"f-string": "an f-string", "%-format": "`%` formatting",
            ".format()": "`.format()`", "concatenation": "string concatenation",
            "str.join": "`str.join()`"}.get(form, form)


def _hole_name(hole: Hole, index: int) -> str:
    expr = hole.expr
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return f"p{index + 1}"


def _parameterised(template: Template, style: str) -> tuple[str, str] | None:
    """The SQL literal with placeholders and the parameters, as source text."""
    text = ""
    values: list[str] = []
    names: list[str] = []
    parts = list(template.parts)
    for index, part in enumerate(parts):
        if not isinstance(part, Hole):
            text += part
            continue
        after = parts[index + 1] if index + 1 < len(parts) else ""
        quoted = text.endswith("'") and isinstance(after, str) and after.startswith("'")
        if quoted:
            text = text[:-1]
            parts[index + 1] = str(after)[1:]
        names.append(_hole_name(part, len(values)))
        text += sql_sinks.placeholder(style, len(values), names[-1])
        values.append(ast.unparse(part.expr))
    return _python_string(text), sql_sinks.params_source(style, values, names)


def _python_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\")
    if "\n" in text:
        return '"""' + escaped.replace('"""', '\\"\\"\\"') + '"""'
    return '"' + escaped.replace('"', '\\"') + '"'


def _rewrite_advice(call: str, sink: Sink, template: Template, shape: SqlShape) -> str:
    if sink.style is None:
        return ("pass the values as parameters with the driver's placeholders instead of "
                "formatting them into the SQL")
    rewritten = _parameterised(template, sink.style)
    example = ""
    if rewritten is not None and all(p == "value" for p in shape.positions):
        sql, params = rewritten
        if sink.style == sql_sinks.NAMED and sink.label.startswith("SQLAlchemy"):
            example = f": `conn.execute(text({sql}), {params})`"
        else:
            example = f": `{call}({sql}, {params})`"
    if "\n" in example or len(example) > _MAX_EXAMPLE:
        example = ""  # a long rewrite does not fit a message; the fix or the docs show it
    style = sql_sinks.STYLE_NAMES[sink.style]
    return f"pass the values as parameters ({style} placeholders){example}"


# The longest rewritten call a message quotes (messages stay around 200 characters).
_MAX_EXAMPLE = 100


def _stored_message(candidate: _Candidate) -> str:
    action = "returned" if candidate.returned else "kept or passed on"
    return (f"SQL built with {_article(candidate.form)} is {action} without being executed "
            "here; build it with placeholders and pass the values as parameters where it runs")


# ---------------------------------------------------------------------------- rules


class _SqlRuleBase(Rule):
    """Forwards the traversal to the file's shared analysis and reports this rule's code."""

    practice = "sql-building"
    options_class = SqlBuildingOptions
    # SQL keywords in capitals, the lower-case forms only with the word SQL puts after them,
    # and the names of sink calls (a module may only execute SQL that a helper built).
    requires_any_text = ("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER",
                         "MERGE", "TRUNCATE", "REPLACE", "select ", "insert into",
                         "delete from", "update ", "execute", "fetch", ".raw(", ".extra(",
                         "RawSQL", "read_sql", "sqlalchemy")
    project_level = True
    # The traversal feeds the shared analysis; only finish() is per rule.
    shared_handlers = frozenset({
        "visit_FunctionDef", "visit_AsyncFunctionDef", "leave_FunctionDef",
        "leave_AsyncFunctionDef", "visit_Assign", "visit_AnnAssign", "visit_AugAssign",
        "visit_Return", "visit_Call"})

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        assert isinstance(options, SqlBuildingOptions)
        self.analysis = analysis_for(ctx, options)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.analysis.enter_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.visit_FunctionDef(node)  # type: ignore[arg-type]

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.analysis.leave_function()

    def leave_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.leave_FunctionDef(node)  # type: ignore[arg-type]

    def visit_Assign(self, node: ast.Assign) -> None:
        self.analysis.assignment(node.targets, node.value, augmented=False)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.analysis.assignment([node.target], node.value, augmented=False)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, ast.Add):
            self.analysis.assignment([node.target], node.value, augmented=True)

    def visit_Return(self, node: ast.Return) -> None:
        self.analysis.returned(node.value)

    def visit_Call(self, node: ast.Call) -> None:
        self.analysis.call(node)

    def finish(self) -> None:
        self.analysis.finish()
        for report in self.analysis.reports:
            if report.code == self.code:
                self.ctx.findings.append(self.make_finding(self.ctx.path, report.location,
                                                           report.message, fix=report.fix))


def _project_links(project: ProjectContext, practice: str
                   ) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(builder module, its `returns` entry, the sink call) for each sink call whose SQL is
    the result of a project function that returns dynamic SQL."""
    links = []
    for _module, facts in project.facts_of(practice):
        for call in facts.get("sink_calls", []):
            resolved = project.resolve(call["callee"])
            if resolved is None:
                continue
            builder, function = resolved
            entry = builder["facts"].get(practice, {}).get("returns", {}).get(function)
            if entry is not None:
                links.append((builder, entry, {**call, "path": _module["path"]}))
    return links


class SqlInjectionReachesSink(_SqlRuleBase):
    """## What it does
    Checks for SQL text built from non-constant values (an f-string, `%` formatting,
    `.format()`, `+`/`+=` or `str.join`) that reaches a call that executes SQL: DB-API
    `execute()`/`executemany()`/`executescript()` (sqlite3, psycopg2, psycopg, pymysql,
    MySQLdb, mysql.connector, aiosqlite, aiomysql, aiopg), asyncpg `execute()`/`fetch()`/
    `fetchrow()`/`fetchval()`/`executemany()`, SQLAlchemy `text()`, `Connection.execute()`,
    `exec_driver_sql()` and `Session.execute()` with a string, Django `Manager.raw()`,
    `QuerySet.extra()`, `RawSQL()` and `connection.cursor().execute()`, and pandas
    `read_sql()`/`read_sql_query()`, encode/databases `fetch_all()`/`fetch_one()`/
    `fetch_val()`/`execute()`/`execute_many()`/`iterate()`, and Alembic `op.execute()` (also
    on `batch_alter_table()`). The string may be built in the call, in earlier statements of
    the same function (`q += ...`), or returned by a project function in another module (the
    finding is then placed at the build site in that function).

    A template counts as SQL only when sqlglot parses it, with a placeholder in each hole, as
    a SQL statement; prose, log lines and error messages are never flagged. Constants,
    numbers (`len()`, `int()`, parameters annotated `int`), UUIDs (`uuid.uuid4()`), allow-list lookups
    (`COLUMNS[key]`), placeholder lists (`", ".join("?" * len(ids))`) and safe composition
    APIs (`psycopg.sql`, SQLAlchemy `bindparam`/`quoted_name`, Django `quote_name`) are safe
    to interpolate. Names and attributes written in UPPER_CASE are treated as constants, and
    so are Django's backend metadata (`Model._meta`, `connection.ops`, `.introspection`,
    `.features`) and variables named as composed SQL fragments (`where_sql`, `order_clause`,
    `subquery`), whose own values are judged where they are built.

    Sinks are resolved through imports and assignments. An `.execute()`/`.executemany()`,
    or a database wrapper's query method (`fetch_all`, `fetchone`, `fetchval`, ... taking
    the SQL first or as `query=`), on an object the model cannot resolve is accepted only
    when its receiver is named like a cursor or connection (`cur`, `cursor`, `conn`, `db`,
    `session`, ..., or `(conn or db)`) and its SQL argument is dynamically built SQL that
    sqlglot confirms.

    ## Why is this bad?
    Values formatted into SQL text become SQL syntax: a quote in a name ends the literal and
    the rest runs as SQL (CWE-89). Parameters are sent apart from the query and cannot change
    its structure.

    ## Example
    ```python
    import sqlite3


    def find_user(username: str):
        conn = sqlite3.connect("app.db")
        cur = conn.cursor()
        cur.execute(f"SELECT * FROM users WHERE username = '{username}'")
        return cur.fetchone()
    ```

    Use instead:
    ```python
    import sqlite3


    def find_user(username: str):
        conn = sqlite3.connect("app.db")
        cur = conn.cursor()
        cur.execute("SELECT * FROM users WHERE username = ?", (username,))
        return cur.fetchone()
    ```

    ## Options
    - `extra-sinks` in `[tool.backendlint.sql-building]`: qualified names or fnmatch patterns
      of further calls whose first argument is executed as SQL (`app.db.run_sql`).
    - `extra-safe-functions`: qualified names or patterns of calls whose results are safe to
      interpolate (`app.db.quote_column`).

    ## Fix safety
    An f-string written directly in the sink call, with every interpolated value in a value
    position and no parameters yet, is rewritten to the driver's placeholders (`?` for
    sqlite3, `%s` for psycopg/pymysql and Django, `$1` for asyncpg) with the values passed as
    parameters; quotes around a value are dropped. The fix is unsafe: the database now
    receives typed values instead of text, which can change comparisons (`'42'` vs `42`).
    Interpolated identifiers get advice (allow-list or `sql.Identifier`), never a fix.
    """

    code = "BL301"
    name = "sql-injection-reaches-sink"
    severity = Severity.ERROR
    confidence = "medium"
    cwe = 89
    fix_availability = FixAvailability.SOMETIMES

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        seen: set[tuple[str, int]] = set()
        for builder, entry, call in _project_links(project, cls.practice):
            location = entry["location"]
            key = (builder["path"], location["line"])
            if key in seen:
                continue
            seen.add(key)
            # Where it runs is a related location: a path in the message would make it long.
            runs = RelatedLocation(call["path"], call["location"]["line"],
                                   call["location"]["column"], f"executed by {call['sink']}")
            project.report(cls, builder["path"], location,
                           f"SQL built with {_article(entry['form'])} is returned here and "
                           f"executed by {call['sink']} (line {runs.line} of "
                           f"{call['path'].rsplit('/', 1)[-1]}); build it with placeholders "
                           "and pass the values as parameters there", related=(runs,))


class StoredDynamicSql(_SqlRuleBase):
    """## What it does
    Checks for SQL text built from non-constant values that is not seen reaching a sink: it
    is returned, stored in an attribute or passed to another function. When the project pass
    sees a returned string executed elsewhere, BL301 is reported at the build site instead.

    ## Why is this bad?
    A query assembled by formatting values in one place is usually executed in another, where
    nobody sees that its text came from user input. Build queries with placeholders and keep
    the values beside them as parameters.

    ## Example
    ```python
    def orders_query(customer: str) -> str:
        return f"SELECT * FROM orders WHERE customer = '{customer}'"
    ```

    Use instead:
    ```python
    def orders_query(customer: str) -> tuple[str, tuple[str]]:
        return "SELECT * FROM orders WHERE customer = %s", (customer,)
    ```

    ## Options
    - `extra-sinks` in `[tool.backendlint.sql-building]`: further calls that execute SQL (a
      string passed to one of them is BL301, not BL302).
    - `extra-safe-functions`: calls whose results are safe to interpolate.

    ## Fix safety
    There is no fix: the values must travel to the place where the query runs.
    """

    code = "BL302"
    name = "dynamic-sql-not-executed-here"
    severity = Severity.WARNING
    confidence = "low"
    cwe = 89

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        consumed = {(builder["path"], entry["location"]["line"])
                    for builder, entry, _call in _project_links(project, cls.practice)}
        for module, facts in project.facts_of(cls.practice):
            for entry in facts.get("returns", {}).values():
                location = entry["location"]
                if (module["path"], location["line"]) in consumed or is_test_path(module["path"]):
                    continue
                project.report(cls, module["path"], location, _stored_message(
                    _Candidate(location, entry["form"], returned=True)))


class SqlFromRequestData(_SqlRuleBase):
    """## What it does
    Checks for a SQL sink called with SQL text that comes from request data: a FastAPI route
    parameter typed `str`, Flask `request.args`/`form`/`json`/`values`, Django
    `request.GET`/`POST`, Starlette or DRF `request.query_params`, either as the whole query or
    interpolated into it. A value bound as a parameter is never flagged, and neither is a
    SQLAlchemy statement built with its API (`select(User).where(User.id == user_id)`), whose
    values are bound parameters too.

    ## Why is this bad?
    Whoever sends the request writes part of the SQL: they can read other users' rows, change
    data or drop tables (CWE-89). This is BL301 with the source confirmed, so it is reported
    with high confidence (and instead of BL301 on the same call).

    ## Example
    ```python
    import sqlite3

    from flask import Flask, request

    app = Flask(__name__)


    @app.get("/users")
    def list_users():
        cur = sqlite3.connect("app.db").cursor()
        cur.execute(f"SELECT * FROM users WHERE name = '{request.args['name']}'")
        return {"users": cur.fetchall()}
    ```

    Use instead:
    ```python
    import sqlite3

    from flask import Flask, request

    app = Flask(__name__)


    @app.get("/users")
    def list_users():
        cur = sqlite3.connect("app.db").cursor()
        cur.execute("SELECT * FROM users WHERE name = ?", (request.args["name"],))
        return {"users": cur.fetchall()}
    ```

    ## Options
    - `extra-sinks` in `[tool.backendlint.sql-building]`: further calls that execute SQL.
    - `extra-safe-functions`: calls whose results are safe to interpolate.

    ## Fix safety
    There is no automatic fix; BL301's rewrite applies when only that rule is enabled.
    """

    code = "BL303"
    name = "sql-from-request-data"
    severity = Severity.ERROR
    confidence = "high"
    cwe = 89
