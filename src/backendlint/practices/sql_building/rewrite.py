"""What the sql-building findings say and offer: the parameterised rewrite of a template
(placeholders in the driver's style, the values as parameters) as advice and as a fix, and
the shared wording of the messages."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from backendlint.core.findings import Fix
from backendlint.fixes import make_fix
from backendlint.knowledge import sql_sinks
from backendlint.knowledge.sql_sinks import Sink
from backendlint.practices.sql_building.sqltext import SqlShape
from backendlint.practices.sql_building.templates import Hole, Template

if TYPE_CHECKING:
    from backendlint.core.context import FileContext


def article(form: str) -> str:
    return {"f-string": "an f-string", "%-format": "`%` formatting",
            ".format()": "`.format()`", "concatenation": "string concatenation",
            "str.join": "`str.join()`", "str.replace()": "`str.replace()`"}.get(form, form)


def _hole_name(hole: Hole, index: int) -> str:
    expr = hole.expr
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return f"p{index + 1}"


def parameterised(template: Template, style: str) -> tuple[str, str] | None:
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


def rewrite_advice(call: str, sink: Sink, template: Template, shape: SqlShape) -> str:
    if sink.style is None:
        return ("pass the values as parameters with the driver's placeholders instead of "
                "formatting them into the SQL")
    rewritten = parameterised(template, sink.style)
    example = ""
    if rewritten is not None and all(p == "value" for p in shape.positions):
        sql, params = rewritten
        if sink.style == sql_sinks.NAMED and sink.label.startswith("SQLAlchemy"):
            example = f": `conn.execute(text({sql}), {params})`"
        else:
            example = f": `{call}({sql}, {params})`"
    style = sql_sinks.STYLE_NAMES[sink.style]
    return f"bind the values with {style} placeholders and pass them as parameters{example}"


def stored_message(form: str, returned: bool, values: list[str]) -> str:
    action = "returned" if returned else "kept or passed on"
    names = ", ".join(f"`{name}`" for name in values)
    return (f"SQL built with {article(form)} from {names} is {action} "
            "without being executed here; build it with placeholders and pass the values as "
            "parameters where it runs")


def parameterised_fix(ctx: FileContext, node: ast.Call, argument: ast.expr, sink: Sink,
                      template: Template, shape: SqlShape) -> Fix | None:
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
    rewritten = parameterised(template, sink.style)
    if rewritten is None:
        return None
    sql, params = rewritten
    return make_fix(f"Pass the values as parameters with {sql_sinks.STYLE_NAMES[sink.style]}"
                    " placeholders", [ctx.replace(argument, f"{sql}, {params}")], safe=False)
