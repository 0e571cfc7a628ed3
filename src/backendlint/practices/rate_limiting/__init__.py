"""rate-limiting (BL5xx): Endpoints that need a rate limit and have none, and limits that do not apply."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.rate_limiting.analysis import RateLimitingAnalysis
from backendlint.practices.rate_limiting.options import RateLimitingOptions

PRACTICE = Practice(
    name="rate-limiting",
    prefix="BL5",
    summary="Endpoints that need a rate limit and have none, and limits that do not apply.",
    options=RateLimitingOptions,
    analysis=RateLimitingAnalysis,
    # Skip a file on which none of the rules would run (their `requires_any_text`).
    gate=RULES_TEXT,
)
