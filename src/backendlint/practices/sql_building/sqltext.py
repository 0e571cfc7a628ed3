"""Is this text SQL, and where does each hole sit in it? The keyword gate, then sqlglot.

A template is the literal text of a built string with a hole between each two pieces. It is
SQL when a statement keyword leads it, a second keyword follows (`keyword_gate`, a regular
expression: cheap, so most strings never reach the parser) and sqlglot parses it, with a
placeholder in each hole, as a statement. Then each hole is placed: a value (a quoted
literal, a comparison operand, an IN list, LIMIT), part of a quoted literal, or an
identifier / SQL syntax (a table, a column, ORDER BY direction).

sqlglot is imported only here, and only when a template passes the gate.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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


