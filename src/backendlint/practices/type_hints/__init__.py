"""type-hints (BL2xx): Complete PEP 484 type hints on parameters and returns, without `Any`."""

from backendlint.core.practice import Practice
from backendlint.practices.type_hints.analysis import TypeHintsAnalysis
from backendlint.practices.type_hints.options import TypeHintsOptions

PRACTICE = Practice(
    name="type-hints",
    prefix="BL2",
    summary="Complete PEP 484 type hints on parameters and returns, without `Any`.",
    options=TypeHintsOptions,
    analysis=TypeHintsAnalysis,
)
