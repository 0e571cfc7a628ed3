"""The template algebra: a built string as literal text with holes between the pieces.

`TemplateReader.of(expr, line)` reads an f-string, `%` formatting, `.format()`, `+`
concatenation, `sep.join(...)` or a local variable assigned one of those (with the `+=`
pieces added after it) as a `Template`. Each `Hole` holds the interpolated expression; whether
it is safe is asked of the subclass that judges values (values.py) on first use, since most templates are
not SQL and are rejected by the keyword gate before any value is examined.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Union

if TYPE_CHECKING:
    from backendlint.semantic.model import SemanticModel


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


def merge(form: str, build: ast.expr | None, *templates: Template) -> Template:
    parts: list[Part] = []
    for template in templates:
        parts.extend(template.parts)
    first_build = next((t.build for t in templates if t.build is not None), None)
    return Template(parts, form if build is not None else templates[0].form,
                    build or first_build)


_PERCENT = re.compile(r"%(?:\((?P<key>\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[hlL]?"
                      r"(?P<kind>[diouxXeEfFgGcrsa%])")
MAX_DEPTH = 8


class TemplateReader:
    """Turns expressions into templates: literal text and holes, through local variables."""

    def __init__(self, semantic: SemanticModel) -> None:
        self.semantic = semantic

    # -- what a hole is worth: answered by the subclass (values.ValueJudge) ---------------
    def is_safe(self, expr: ast.expr, line: int, depth: int) -> bool:
        """Whether an interpolated value cannot carry SQL syntax."""
        raise NotImplementedError

    def safe_items(self, items: ast.expr, line: int, depth: int) -> bool:
        """Whether every item of a `sep.join(items)` is safe."""
        raise NotImplementedError

    # -- building ----------------------------------------------------------------------
    def of(self, expr: ast.expr, line: int, depth: int = 0) -> Template | None:
        """The template of a string expression, or None when it is not one we can read."""
        if depth > MAX_DEPTH:
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
                return self.join(expr, line, depth)
            if expr.func.attr == "replace":
                return self._replace(expr, line, depth)
        if isinstance(expr, ast.Name):
            return self._variable(expr.id, line, depth)
        if isinstance(expr, ast.Attribute):
            text = self._class_string(expr)
            return Template([text], "literal", None) if text is not None else None
        return None

    def _class_string(self, expr: ast.Attribute) -> str | None:
        """`self.functions_query`: a string the enclosing class assigns in its body."""
        if not (isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls")):
            return None
        cls = self.semantic.enclosing_class()
        for statement in cls.body if cls is not None else []:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                    isinstance(statement.targets[0], ast.Name) and \
                    statement.targets[0].id == expr.attr and \
                    isinstance(statement.value, ast.Constant) and \
                    isinstance(statement.value.value, str):
                return statement.value.value
        return None

    def _literal_text(self, expr: ast.expr, line: int, depth: int) -> str | None:
        """The text of a string that is constant: a literal, or a name or class attribute
        assigned one (the format of `QUERY % values`)."""
        if isinstance(expr, ast.Constant):
            return expr.value if isinstance(expr.value, str) else None
        if isinstance(expr, (ast.Name, ast.Attribute)):
            template = self.of(expr, line, depth + 1)
            if template is not None and not template.holes:
                return "".join(part for part in template.parts if isinstance(part, str))
        return None

    def _replace(self, expr: ast.Call, line: int, depth: int) -> Template | None:
        """`"... WHERE id = '[VALUE]'".replace("[VALUE]", value)`: a placeholder of the
        code's own, filled by text replacement."""
        receiver = expr.func.value  # type: ignore[attr-defined]
        if not (isinstance(receiver, ast.Constant) and isinstance(receiver.value, str)
                and len(expr.args) == 2 and isinstance(expr.args[0], ast.Constant)
                and isinstance(expr.args[0].value, str) and expr.args[0].value):
            return None
        pieces = receiver.value.split(expr.args[0].value)
        if len(pieces) < 2:
            return None
        parts: list[Part] = [pieces[0]]
        for piece in pieces[1:]:
            parts.extend([self._hole(expr.args[1], line, depth), piece])
        return Template(parts, "str.replace()", expr)

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
        merged = merge("concatenation", None, left, right)
        if merged.build is not None and merged.form == "literal":
            merged.form = "concatenation"
        return merged

    def _percent(self, expr: ast.BinOp, line: int, depth: int) -> Template | None:
        text = self._literal_text(expr.left, line, depth)
        if text is None:
            return None
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
        text = self._literal_text(receiver, line, depth)
        if text is None:
            return None
        try:
            fields = list(string.Formatter().parse(text))
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

    def join(self, expr: ast.Call, line: int, depth: int) -> Template | None:
        separator = expr.func.value  # type: ignore[attr-defined]
        if not (isinstance(separator, ast.Constant) and isinstance(separator.value, str)):
            return None
        if len(expr.args) != 1:
            return None
        items = expr.args[0]
        hole = Hole(items, lambda: self.safe_items(items, line, depth + 1), False)
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
        merged = merge(template.form, None, *pieces)
        if merged.form == "literal" and merged.build is not None:
            merged.form = "concatenation"
        merged.variable = name
        return merged
