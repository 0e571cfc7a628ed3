"""What one module tells the project pass: the dynamic SQL and the SQL conditions its
top-level functions return, the sink calls whose SQL is the result of a call to a project
function, and the sinks whose SQL interpolates what project functions return
(`WHERE {build_where(x)}`)."""

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
class FragmentCall:
    """A sink whose only unsafe holes are results of calls to functions of the project
    (`f"SELECT * FROM t WHERE {build_where(name)}"`): the project pass reads what they return."""

    callees: list[str]  # the qualified names called in the holes
    sink: str           # how messages name the sink
    span: Span          # the SQL argument of the sink call
    message: str        # the BL304 message, when a callee's result cannot be read
    confidence: str     # of that BL304 finding


@dataclass
class SqlBuildingFacts(ModuleFacts):
    practice: ClassVar[str] = "sql-building"
    version: ClassVar[int] = 4

    # Function name -> the first returned dynamic SQL it builds.
    returns: dict[str, ReturnedSql] = field(default_factory=dict)
    sink_calls: list[SinkCall] = field(default_factory=list)
    # Top-level function name -> a SQL condition built from unsafe values that it returns.
    conditions: dict[str, ReturnedSql] = field(default_factory=dict)
    # Top-level functions whose every return is SQL text with nothing unsafe in it.
    safe_builders: list[str] = field(default_factory=list)
    fragment_calls: list[FragmentCall] = field(default_factory=list)
