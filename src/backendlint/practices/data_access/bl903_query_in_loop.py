"""BL903 query-in-loop."""

from __future__ import annotations

import ast

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule


class QueryInLoop(Rule):
    """## What it does
    <One sentence: what the rule flags.>

    ## Why is this bad?
    <The harm, in a backend service.>

    ## Example
    ```python
    flagged_example()  # <code that fires>
    ```

    Use instead:
    ```python
    clean_example()  # <code that does not>
    ```
    """

    code = "BL903"
    name = "query-in-loop"
    severity = Severity.WARNING
    confidence = Confidence.MEDIUM

    def visit_Call(self, node: ast.Call) -> None:
        """Self-contained style; for a table-driven rule, delete this and let the practice's
        FileAnalysis report for this class."""
