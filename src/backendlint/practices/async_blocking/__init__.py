"""async-blocking (BL1xx): Blocking I/O inside `async def`: sleeps, HTTP, subprocesses, files, database clients, the sync Django ORM, and helpers that block."""

from backendlint.core.practice import Practice
from backendlint.practices.async_blocking.analysis import AsyncBlockingAnalysis
from backendlint.practices.async_blocking.options import AsyncBlockingOptions

PRACTICE = Practice(
    name="async-blocking",
    prefix="BL1",
    summary="Blocking I/O inside `async def`: sleeps, HTTP, subprocesses, files, database clients, the sync Django ORM, and helpers that block.",
    options=AsyncBlockingOptions,
    analysis=AsyncBlockingAnalysis,
)
