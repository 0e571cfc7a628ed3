"""What one module tells the type-hint project pass: the dependencies it passes to FastAPI's
`Depends()`, and its module-level functions whose unannotated parameters become FastAPI
inputs if another module passes them to `Depends()`."""

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
class TypeHintsFacts(ModuleFacts):
    practice: ClassVar[str] = "type-hints"
    version: ClassVar[int] = 2

    depends_targets: list[str] = field(default_factory=list)
    dependency_candidates: list[DependencyCandidate] = field(default_factory=list)
