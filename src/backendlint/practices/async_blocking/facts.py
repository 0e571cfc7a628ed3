"""What the per-file pass tells BL107 about one module: its functions, what each calls and
whether it blocks directly, its classes' bases, and the calls made from `async def` bodies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from backendlint.core.facts import ModuleFacts, Span
from backendlint.semantic.analyze.constants import ConstValue

Const = ConstValue  # a constant argument or default


@dataclass(frozen=True)
class CallRef:
    """Where a callee lives: `local` (a key of this module's functions or classes, such as
    `Store.save` or `Store().save`) or `qualified` (a dotted name the project pass resolves)."""

    local: bool
    name: str


@dataclass(frozen=True)
class Condition:
    """The code runs only when parameter `param` passes this test: `truthy`, `falsy`,
    `is-none`, `not-none`, `eq` or `ne` (against `value`)."""

    param: str
    test: str
    value: Const = None


@dataclass
class BlockingSite:
    """A blocking call written directly in a sync function."""

    category: str  # a knowledge.blocking_calls.Category value
    call: str
    line: int
    # The branch it is on, as tests of the function's parameters (`if not is_async:`).
    conditions: list[Condition] = field(default_factory=list)
    # Under a run-once guard (`if not hasattr(self, "_x"):`, `if _cache is None:`).
    guarded: bool = False


@dataclass
class CallEdge:
    """A call from a sync function to something the project may define."""

    ref: CallRef
    line: int
    conditions: list[Condition] = field(default_factory=list)
    # Constant arguments by position ("0", "1", ...) or keyword.
    constants: dict[str, Const] = field(default_factory=dict)
    # `*args` or `**kwargs` in the call: parameters not given above are unknown.
    spread: bool = False


@dataclass
class FunctionFacts:
    name: str  # the key: `helper`, `Store.save`, `outer.inner`
    line: int
    is_async: bool
    # Decorated with a thread wrapper (`sync_to_async`): calling it does not block.
    wrapped: bool
    # Decorated with a memoiser (`functools.cache`): it blocks once per process at most.
    memoised: bool = False
    # Parameters a caller passes (without `self`/`cls` of a method), and constant defaults.
    params: list[str] = field(default_factory=list)
    defaults: dict[str, Const] = field(default_factory=dict)
    blocking: list[BlockingSite] = field(default_factory=list)
    calls: list[CallEdge] = field(default_factory=list)


@dataclass
class AsyncCall:
    """A call written directly in an `async def` body, to something the project may define."""

    ref: CallRef
    call: str  # the callee's source text, for the message
    span: Span
    constants: dict[str, Const] = field(default_factory=dict)
    spread: bool = False
    has_arguments: bool = False
    # Behind a run-once guard in the async code (`if self._conn is None: self._conn = ...`).
    guarded: bool = False


@dataclass
class AsyncBlockingFacts(ModuleFacts):
    practice: ClassVar[str] = "async-blocking"
    version: ClassVar[int] = 5

    functions: dict[str, FunctionFacts] = field(default_factory=dict)
    classes: dict[str, list[CallRef]] = field(default_factory=dict)
    async_calls: list[AsyncCall] = field(default_factory=list)
    # Module-level imports (`name` -> qualified), to follow re-exports through `__init__`.
    imports: dict[str, str] = field(default_factory=dict)
