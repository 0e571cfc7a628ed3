"""backendlint: a linter for Python backend services."""

from __future__ import annotations

# Read by the build (pyproject's dynamic version), so the package and its metadata agree;
# asking importlib.metadata at start-up instead cost more than a cached run's lookups.
__version__ = "0.1.0"

__all__ = ["__version__"]
