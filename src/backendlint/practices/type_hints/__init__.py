"""type-hints (BL2xx): Complete PEP 484 type hints on parameters and returns, without `Any`."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.type_hints.analysis import TypeHintsAnalysis
from backendlint.practices.type_hints.options import TypeHintsOptions

PRACTICE = Practice(
    name="type-hints",
    prefix="BL2",
    summary="Complete PEP 484 type hints on parameters and returns, without `Any`.",
    options=TypeHintsOptions,
    analysis=TypeHintsAnalysis,
    # Skip a file on which none of the rules would run (their `requires_any_text`).
    gate=RULES_TEXT,
)
