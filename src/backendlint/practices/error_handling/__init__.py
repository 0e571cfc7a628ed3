"""error-handling (BL8xx): Exception details sent to clients, failures swallowed in request and task code, secrets written to logs."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.error_handling.options import ErrorHandlingOptions

PRACTICE = Practice(
    name="error-handling",
    prefix="BL8",
    summary="Exception details sent to clients, failures swallowed in request and task code, "
            "secrets written to logs.",
    options=ErrorHandlingOptions,
    # Skip a file on which none of the rules would run (their `requires_any_text`).
    gate=RULES_TEXT,
)
