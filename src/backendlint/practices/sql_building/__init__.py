"""sql-building (BL3xx): SQL text built from strings instead of bound parameters."""

from backendlint.core.practice import Practice
from backendlint.practices.sql_building.analysis import SqlBuildingAnalysis
from backendlint.practices.sql_building.options import SqlBuildingOptions

PRACTICE = Practice(
    name="sql-building",
    prefix="BL3",
    summary="SQL text built from strings instead of bound parameters.",
    options=SqlBuildingOptions,
    analysis=SqlBuildingAnalysis,
)
