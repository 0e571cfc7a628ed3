"""access-control (BL6xx): endpoints left open among protected ones, unverified tokens,
disabled CSRF, mass assignment and predictable credentials."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.access_control.analysis import AccessControlAnalysis
from backendlint.practices.access_control.options import AccessControlOptions

PRACTICE = Practice(
    name="access-control",
    prefix="BL6",
    summary="Authentication and authorisation: endpoints left open among protected ones, "
            "unverified tokens, disabled CSRF, mass assignment, predictable credentials.",
    options=AccessControlOptions,
    analysis=AccessControlAnalysis,
    # Skip a file on which none of the rules would run (their `requires_any_text`).
    gate=RULES_TEXT,
)
