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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Templates larger than this are judged by the keyword check alone.
MAX_PARSE_CHARS = 20_000
_HOLE = "__blh{}__"
_LEADING = re.compile(
    r"\A(?:\s|\(|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*"
    r"(select|insert|update|delete|with|create|drop|alter|merge|replace|truncate|upsert"
    r"|savepoint|release|rollback|set|pragma|copy|grant|revoke|vacuum|analyze|reindex"
    r"|comment|lock|attach|detach|explain|show|describe)\b",
    re.IGNORECASE | re.DOTALL)
_SECOND = re.compile(r"\b(from|into|set|where|values|table|join|index|view|as|schema|database"
                     r"|sequence|extension|trigger|function|column|constraint|exists)\b",
                     re.IGNORECASE)
# Statements of one clause: the shape that must follow the keyword (in the keyword's case).
_ONE_CLAUSE = {
    "savepoint": re.compile(r"\s+[\w\"`$]", re.DOTALL),
    "release": re.compile(r"\s+(?:savepoint\s+)?[\w\"`$]+\s*;?\s*\Z", re.IGNORECASE),
    "rollback": re.compile(r"\s+to\s+(?:savepoint\s+)?[\w\"`$]", re.IGNORECASE),
    "set": re.compile(r"\s+(?:(?:session|local|global)\s+)?[\w.@\"]+\s*(?:=|\bto\b)",
                      re.IGNORECASE),
    "pragma": re.compile(r"\s+[\w.\"]+\s*(?:=|\(|;|\Z)", re.IGNORECASE),
    "copy": re.compile(r"\s+\S.*\b(?:from|to)\b", re.IGNORECASE | re.DOTALL),
    "grant": re.compile(r"\s+.+\bon\b.+\bto\b", re.IGNORECASE | re.DOTALL),
    "revoke": re.compile(r"\s+.+\bon\b.+\bfrom\b", re.IGNORECASE | re.DOTALL),
    "vacuum": re.compile(r"(?:\s+(?:full\s+|analyze\s+)?[\w.\"]+)?\s*;?\s*\Z", re.IGNORECASE),
    "analyze": re.compile(r"\s+[\w.\"]+\s*;?\s*\Z", re.IGNORECASE),
    "reindex": re.compile(r"\s+(?:index|table|schema|database)?\s*[\w.\"]+\s*;?\s*\Z",
                          re.IGNORECASE),
    "comment": re.compile(r"\s+on\s+\w+\s+\S+.*\bis\b", re.IGNORECASE | re.DOTALL),
    "lock": re.compile(r"\s+table\s+\S", re.IGNORECASE),
    "attach": re.compile(r"\s+(?:database\s+)?\S+\s+as\s+\S", re.IGNORECASE),
    "detach": re.compile(r"\s+(?:database\s+)?[\w\"]+\s*;?\s*\Z", re.IGNORECASE),
    # MySQL's catalog statements: SHOW [FULL] FIELDS|COLUMNS|INDEX FROM t, SHOW CREATE TABLE t
    "show": re.compile(r"\s+(?:full\s+)?(?:(?:fields|columns|index|indexes|keys)\s+(?:from|in)"
                       r"|create\s+(?:table|view|database|procedure|function|trigger)"
                       r"|(?:table\s+)?status\s+like|tables\s+(?:from|in|like))\s+\S",
                       re.IGNORECASE),
    "describe": re.compile(r"\s+[\w.`\"]+\s*;?\s*\Z", re.IGNORECASE),
}
# What a statement sqlglot cannot parse (a vendor dialect) must look like to be taken as SQL
# by its keywords alone: the clause that follows its leading keyword.
_CLAUSE_SHAPE = {
    "select": re.compile(r"\bfrom\s+[\w\"`\[(]", re.IGNORECASE),
    "with": re.compile(r"\bas\s*\(\s*select\b", re.IGNORECASE),
    "insert": re.compile(r"\A\s*(?:or\s+\w+\s+)?into\s+\S+", re.IGNORECASE),
    "upsert": re.compile(r"\A\s*into\s+\S+", re.IGNORECASE),
    "replace": re.compile(r"\A\s*into\s+\S+", re.IGNORECASE),
    "update": re.compile(r"\A\s*\S+\s+set\s+\S", re.IGNORECASE),
    "delete": re.compile(r"\A\s*from\s+\S+", re.IGNORECASE),
    "create": re.compile(r"\A\s*(?:or\s+replace\s+)?(?:\w+\s+)*?(?:table|index|view|schema|"
                         r"database|function|trigger|sequence|type|extension|role|user)\b",
                         re.IGNORECASE),
    "drop": re.compile(r"\A\s*(?:table|index|view|schema|database|function|trigger|sequence|"
                       r"type|extension|role|user)\b", re.IGNORECASE),
    "alter": re.compile(r"\A\s*(?:table|index|view|schema|database|sequence|type|role|user)"
                        r"\b", re.IGNORECASE),
    "truncate": re.compile(r"\A\s*(?:table\s+)?\S", re.IGNORECASE),
    "merge": re.compile(r"\A\s*into\s+\S+.*\busing\b", re.IGNORECASE | re.DOTALL),
    "explain": re.compile(r"\A\s*(?:\w+\s+)*?(?:select|insert|update|delete|with)\b",
                          re.IGNORECASE),
}
_DRIVER_PLACEHOLDER = re.compile(r"%\(\w+\)s|%s")
_SENTENCE_END = re.compile(r"[A-Za-z][.!?]\s*\Z")
# Keywords after which an interpolated word is part of the grammar, not a trailing modifier.
_GRAMMAR_WORDS = frozenset({"from", "by", "select", "where", "and", "or", "join", "table",
                            "into", "update", "set", "on", "as", "limit", "offset", "in",
                            "not", "like", "is", "values", "having", "when", "then", "else"})
# Text just before a hole that puts a value there (`= {x}`, `IN ({ids})`, `LIMIT {n}`).
_VALUE_BEFORE = re.compile(r"(?:[=<>]|!=|\b(?:like|ilike|limit|offset|between)|"
                           r"\bin\s*\(|\bvalues\s*\(.*|\bvalues\s*)\s*\Z",
                           re.IGNORECASE | re.DOTALL)
_SET_VALUE_BEFORE = re.compile(r"(?:=|\bto)\s*\Z", re.IGNORECASE)


def _leading(text: str) -> re.Match[str] | None:
    match = _LEADING.match(text)
    if match is None:
        return None
    word = match.group(1)
    if not (word.isupper() or word.islower()):
        return None
    if _SENTENCE_END.search(text):
        return None
    return match


def keyword_gate(text: str) -> bool:
    """Cheap pre-check: a statement keyword first (in upper or lower case, not a sentence's
    capitalised word) and a second SQL keyword somewhere after it, or, for a statement of
    one clause (`SAVEPOINT x`, `SET x = y`, `PRAGMA x(y)`, `GRANT ... ON ... TO ...`), the
    shape of that clause."""
    match = _leading(text)
    if match is None:
        return False
    word = match.group(1).lower()
    shape = _ONE_CLAUSE.get(word)
    if shape is not None:
        if word == "set" and not match.group(1).isupper() and "=" not in text:
            return False  # `set timeout to 5 seconds` is English; `set x = 1` is not
        return shape.match(text, match.end()) is not None
    if word == "select" and _SELECT_CALL.match(text, match.end()):
        return True  # `SELECT pg_create_restore_point('x')`: a function called without FROM
    return _SECOND.search(text, match.end()) is not None


# `SELECT schema.function(...)` and nothing after the call but `;`: SQL without a FROM.
_SELECT_CALL = re.compile(r"\s+[A-Za-z_][\w.]*\s*\(.*\)\s*;?\s*$", re.DOTALL)


def _clause_shape(text: str) -> bool:
    """A statement sqlglot rejected still reads as SQL: its keyword is followed by the clause
    that keyword takes (`SELECT ... FROM t`, `INSERT INTO t`, `UPDATE t SET`, ...)."""
    match = _leading(text)
    if match is None:
        return False
    word = match.group(1).lower()
    if word in _ONE_CLAUSE:
        return True  # the gate checked the clause already
    shape = _CLAUSE_SHAPE.get(word)
    return shape is not None and shape.search(text, match.end()) is not None


@dataclass(frozen=True)
class SqlShape:
    is_sql: bool
    # Per hole: "value" (a bare value: fixable), "partial" (inside a quoted literal with other
    # text), or "identifier" (a table/column name or SQL syntax).
    positions: tuple[str, ...] = ()
    # False when it was judged by its keywords and clause shape alone: sqlglot rejected it (a
    # vendor dialect, a typo) though it reads as SQL.
    confirmed: bool = True


NOT_SQL = SqlShape(False)


def lexical_positions(literals: tuple[str, ...]) -> tuple[str, ...]:
    """Where each hole sits, read from the text around it: inside quotes (a value, or part
    of one), after a comparison, IN (, VALUES (, LIMIT, or the = / TO of a SET (a value),
    else an identifier or SQL syntax. Used where the parser could not place the holes."""
    match = _leading(_fill(literals))
    word = match.group(1).lower() if match else ""
    positions: list[str] = []
    before = ""
    for index in range(len(literals) - 1):
        before += _DRIVER_PLACEHOLDER.sub("?", literals[index])
        after = literals[index + 1]
        if _inside_quotes(before):
            bare = before.endswith("'") and after.startswith("'")
            positions.append("value" if bare else "partial")
        elif word == "set":
            positions.append("value" if _SET_VALUE_BEFORE.search(before) else "identifier")
        elif word in _ONE_CLAUSE and word != "pragma":
            positions.append("identifier")  # SAVEPOINT name, GRANT ... ON table TO role
        elif word == "pragma":
            positions.append("value" if before.rstrip().endswith("=") else "identifier")
        elif _VALUE_BEFORE.search(before):
            positions.append("value")
        else:
            positions.append("identifier")
        before += _HOLE.format(index)
    return tuple(positions)


def _inside_quotes(text: str) -> bool:
    """Whether the end of the text is inside a single-quoted SQL literal ('' is a quote)."""
    return text.replace("''", "").count("'") % 2 == 1


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
        return SqlShape(True, lexical_positions(literals))
    match = _leading(text)
    if match is not None and match.group(1).lower() in _ONE_CLAUSE:
        # SAVEPOINT, SET, PRAGMA, GRANT, COPY, ...: sqlglot keeps several as opaque commands;
        # the gate checked the clause, and the text around each hole places it.
        return SqlShape(True, lexical_positions(literals))
    statement = _parse_statement(text)
    if statement is None:
        statement = _parse_statement(_fill(literals, _trailing_word_holes(literals)))
    if statement is _PROSE:
        return NOT_SQL
    if statement is None:
        if _clause_shape(text):
            return SqlShape(True, lexical_positions(literals), confirmed=False)
        return NOT_SQL
    lexical = lexical_positions(literals)
    return SqlShape(True, tuple(_position(statement, index) or lexical[index]
                                for index in range(holes)))


def fragment_shape(literals: tuple[str, ...], wrap: str = "SELECT 1 FROM t WHERE ",
                   close: str = "") -> SqlShape:
    """The shape of a SQL fragment (a WHERE condition, a select-list entry) read inside a
    statement that `wrap` opens and `close` ends; positions are the fragment's own holes."""
    if not literals or (wrap.endswith("WHERE ") and not condition_gate(literals)):
        return NOT_SQL
    shape = sql_shape((wrap + literals[0], *literals[1:-1], literals[-1] + close)
                      if len(literals) > 1 else (wrap + literals[0] + close,))
    if not shape.is_sql or not shape.confirmed:
        return NOT_SQL
    return shape


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
    # Imported with sqlglot, only when a string needs parsing.
    import logging

    import sqlglot
    from sqlglot import exp

    from backendlint.core.context import note_cyclic_garbage

    # sqlglot's trees point at their parents: the engine sweeps this file's garbage.
    note_cyclic_garbage()

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
                return _PROSE
            return statements[0]
    return None


# What _parse_statement returns for text that parses as SQL but reads as English.
_PROSE = object()


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
    if not kinds:
        return ""  # the parser kept it somewhere we do not walk: placed by its text
    return "identifier" if "identifier" in kinds else "partial"


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




def single_quoted_holes(literals: tuple[str, ...]) -> tuple[bool, ...]:
    """Per hole: whether it sits inside a single-quoted SQL literal."""
    found: list[bool] = []
    before = ""
    for index in range(len(literals) - 1):
        before += literals[index]
        found.append(_inside_quotes(before))
        before += _HOLE.format(index)
    return tuple(found)


_CONDITION = re.compile(r"(?:[=<>]|\b(?:like|ilike|in|between|is)\b|->>?|@>)", re.IGNORECASE)


def condition_gate(literals: tuple[str, ...]) -> bool:
    """Cheap pre-check for a WHERE condition (`name = '`, `x IN (`, `metadata->>'k'`): a
    comparison in the literal text, so most strings never reach the parser as fragments."""
    text = "".join(literals)
    return _CONDITION.search(text) is not None and not _SENTENCE_END.search(text)
