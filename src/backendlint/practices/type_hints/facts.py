"""What one module tells the type-hint project pass.

- FastAPI: the dependencies it passes to `Depends()`, and its module-level functions whose
  unannotated parameters become FastAPI inputs if another module passes them to `Depends()`;
- fix safety: findings whose fix is safe as far as this module can tell but may add a mypy
  error elsewhere (a caller passes `None` to a parameter annotated from its default; a
  subclass overrides an annotated method with `async def` or another return type), the shape
  of every method for that check, and the functions this module passes around as values
  (their calls cannot all be seen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional

from backendlint.core.facts import ModuleFacts, Span
from backendlint.core.findings import Fix


@dataclass
class DependencyCandidate:
    """An unannotated parameter of a module-level function no `Depends()` here made a FastAPI
    input; `key` is the function's name in its module (`get_db`, `Auth` for its `__init__`,
    `Auth()` for its `__call__`)."""

    key: str
    span: Span
    message: str
    fix: Optional[Fix]


@dataclass
class ParameterCheck:
    """`parameter` of the module-level `function` gets `annotation` from its default: safe only
    if every call in the project leaves it out or passes a literal of that type."""

    function: str  # qualified: `pkg.module.allowed`
    parameter: str
    position: Optional[int]  # among the positional parameters; None for keyword-only
    annotation: str


@dataclass
class OverrideCheck:
    """`method` of `cls` gets the return annotation `annotation`: safe only if no project
    subclass overrides it with `async def` or another return type."""

    cls: str  # qualified: `pkg.module.Base`
    method: str
    annotation: str
    is_async: bool


@dataclass
class DeferredFinding:
    code: str
    span: Span
    message: str
    fix: Fix
    parameter: Optional[ParameterCheck] = None
    override: Optional[OverrideCheck] = None


@dataclass
class MethodShape:
    """A method as an override check needs it: async or not, its return annotation (source
    text), the annotation a fix would add, and whether it returns a value."""

    cls: str
    method: str
    is_async: bool
    annotation: Optional[str]
    fix: Optional[str]
    returns_value: bool


@dataclass
class TypeHintsFacts(ModuleFacts):
    practice: ClassVar[str] = "type-hints"
    version: ClassVar[int] = 3

    depends_targets: list[str] = field(default_factory=list)
    dependency_candidates: list[DependencyCandidate] = field(default_factory=list)
    deferred: list[DeferredFinding] = field(default_factory=list)
    methods: list[MethodShape] = field(default_factory=list)
    # Qualified names this module passes as values (arguments, assignments, returns).
    escaped: list[str] = field(default_factory=list)
