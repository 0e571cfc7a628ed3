"""sql-building (BL3xx): SQL text built from strings instead of bound parameters."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.sql_building.analysis import SqlBuildingAnalysis
from backendlint.practices.sql_building.options import SqlBuildingOptions

PRACTICE = Practice(
    name="sql-building",
    prefix="BL3",
    summary="SQL text built from strings instead of bound parameters.",
    options=SqlBuildingOptions,
    analysis=SqlBuildingAnalysis,
    # Skip a file on which none of the rules would run (their `requires_any_text`).
    gate=RULES_TEXT,
)
