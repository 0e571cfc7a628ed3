"""data-access (BL9xx): Clients and pools built per request, N+1 queries and queries in loops, transactions around locks and task queues, Celery tasks that wait or carry ORM objects, caches on coroutines, sessions left open."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.data_access.options import DataAccessOptions

PRACTICE = Practice(
    name="data-access",
    prefix="BL9",
    summary="Clients and pools built per request, N+1 queries and queries in loops, "
            "transactions around locks and task queues, Celery tasks that wait or carry ORM "
            "objects, caches on coroutines, sessions left open.",
    options=DataAccessOptions,
    # Skip a file on which none of the rules would run (their `requires_any_text`); while
    # BL901 and BL909 read every module (which functions serve requests), it skips none.
    gate=RULES_TEXT,
)
