"""What the per-file pass tells BL107 about one module: its functions, what each calls and
whether it blocks directly, its classes' bases, and the calls made from `async def` bodies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from backendlint.core.facts import ModuleFacts, Span


@dataclass(frozen=True)
class CallRef:
    """Where a callee lives: `local` (a key of this module's functions or classes, such as
    `Store.save` or `Store().save`) or `qualified` (a dotted name the project pass resolves)."""

    local: bool
    name: str


@dataclass
class BlockingSite:
    """A blocking call written directly in a sync function."""

    category: str  # a knowledge.blocking_calls.Category value
    call: str
    line: int


@dataclass
class CallEdge:
    """A call from a sync function to something the project may define."""

    ref: CallRef
    line: int


@dataclass
class FunctionFacts:
    name: str  # the key: `helper`, `Store.save`, `outer.inner`
    line: int
    is_async: bool
    # Decorated with a thread wrapper (`sync_to_async`): calling it does not block.
    wrapped: bool
    blocking: list[BlockingSite] = field(default_factory=list)
    calls: list[CallEdge] = field(default_factory=list)


@dataclass
class AsyncCall:
    """A call written directly in an `async def` body, to something the project may define."""

    ref: CallRef
    call: str  # the callee's source text, for the message
    span: Span


@dataclass
class AsyncBlockingFacts(ModuleFacts):
    practice: ClassVar[str] = "async-blocking"
    version: ClassVar[int] = 2

    functions: dict[str, FunctionFacts] = field(default_factory=dict)
    classes: dict[str, list[CallRef]] = field(default_factory=dict)
    async_calls: list[AsyncCall] = field(default_factory=list)
    # Module-level imports (`name` -> qualified), to follow re-exports through `__init__`.
    imports: dict[str, str] = field(default_factory=dict)
