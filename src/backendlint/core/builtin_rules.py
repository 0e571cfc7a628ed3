"""Rules the engine reports itself: files it cannot parse and suppressions that do nothing."""

from __future__ import annotations

from backendlint.core.findings import Severity
from backendlint.core.rule import Rule


class UnparsableFile(Rule):
    """## What it does
    Reports a file that backendlint cannot read or parse: a syntax error, bytes that are not
    valid in the file's encoding, a NUL byte, or nesting too deep for the parser. A file too
    large to analyse (over `max-file-size`, 2 MiB by default, or with more than a million
    syntax nodes) is reported too, and skipped.

    ## Why is this bad?
    A file that cannot be parsed is not checked by any rule, so every problem in it goes
    unseen. Python itself will refuse to import it.

    ## Example
    ```python
    def handler(request)
        return {"ok": True}
    ```

    Use instead:
    ```python
    def handler(request):
        return {"ok": True}
    ```

    ## Options
    None.

    ## Fix safety
    There is no fix.
    """

    code = "BL001"
    name = "unparsable-file"
    practice = "engine"
    severity = Severity.ERROR


class UnusedSuppression(Rule):
    """## What it does
    Reports suppression comments that do nothing: a `# noqa: BL101` or
    `# backendlint: ignore[BL101]` on a line where BL101 is not reported, an unknown `BL` code,
    and a bare `# noqa` that silences every rule at once. Codes of other tools in the same
    comment (`# noqa: E501`) are left alone.

    ## Why is this bad?
    Stale suppressions hide the next real problem on that line, and a bare `# noqa` silences
    rules nobody meant to silence. A suppression of a rule that is not selected in this run is
    not reported: another configuration (a CI job with more rules) may need it.

    ## Example
    ```python
    import asyncio


    async def refresh() -> None:
        await asyncio.sleep(1)  # noqa: BL101
    ```

    Use instead:
    ```python
    import asyncio


    async def refresh() -> None:
        await asyncio.sleep(1)
    ```

    ## Options
    None. The rule is off by default: select it with `--extend-select BL002`.

    ## Fix safety
    There is no fix.
    """

    code = "BL002"
    name = "unused-suppression"
    practice = "engine"
    severity = Severity.WARNING
    default_enabled = False
