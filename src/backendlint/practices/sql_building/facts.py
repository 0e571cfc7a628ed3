"""What one module tells the project pass: the dynamic SQL its top-level functions return,
and the sink calls whose SQL is the result of a call to a project function."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from backendlint.core.facts import ModuleFacts, Span


@dataclass
class ReturnedSql:
    """A top-level function returns SQL built from non-constant values, built here."""

    span: Span
    form: str  # how it was built: f-string, %-format, .format(), concatenation, str.join
    values: list[str] = field(default_factory=list)       # unsafe values, as source text
    identifiers: list[str] = field(default_factory=list)  # unsafe identifiers / syntax


@dataclass
class SinkCall:
    """`execute(build_query(...))` or `q = build_query(...); execute(q)`."""

    callee: str  # the qualified name of the project function whose result is executed
    sink: str    # how messages name the sink
    span: Span   # the SQL argument of the sink call


@dataclass
class SqlBuildingFacts(ModuleFacts):
    practice: ClassVar[str] = "sql-building"
    version: ClassVar[int] = 3

    # Function name -> the first returned dynamic SQL it builds.
    returns: dict[str, ReturnedSql] = field(default_factory=dict)
    sink_calls: list[SinkCall] = field(default_factory=list)
