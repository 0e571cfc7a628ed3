"""How often sql-building reaches sqlglot: files read, files where the module gate let the
practice run, files where sqlglot parsed at least one string, and the time spent parsing.

    python benchmarks/sqlglot_gate.py PATH [PATH ...]

Every `.py` file under the paths is linted in this process with BL301-BL304 enabled; the
parser entry point of `practices/sql_building/sqltext.py` is wrapped to count calls per file.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

from backendlint.config import resolve_settings
from backendlint.core.pipeline import lint_source
from backendlint.knowledge.sql_sinks import MODULE_NEEDLES
from backendlint.practices.sql_building import sqltext


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    files = sorted(f for path in args.paths for f in
                   ([path] if path.is_file() else path.rglob("*.py")))
    settings = resolve_settings(None)
    settings.enabled = frozenset({"BL301", "BL302", "BL303", "BL304"})
    original = sqltext._parse_statement
    calls: dict[str, int] = {}
    spent = [0.0]
    current = [""]

    def counted(text: str) -> Any:
        calls[current[0]] = calls.get(current[0], 0) + 1
        start = time.perf_counter()
        try:
            return original(text)
        finally:
            spent[0] += time.perf_counter() - start

    sqltext._parse_statement = counted  # type: ignore[assignment]
    gated = 0
    started = time.perf_counter()
    for file in files:
        try:
            source = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if any(needle in source for needle in MODULE_NEEDLES):
            gated += 1
        current[0] = str(file)
        lint_source(str(file), source, settings, file.stem)
    total = time.perf_counter() - started
    parsed = len(calls)
    print(f"files {len(files)}  gate passed {gated}  sqlglot ran in {parsed} "
          f"({parsed / max(len(files), 1):.1%} of files, {sum(calls.values())} parses)  "
          f"sqlglot time {spent[0]:.2f}s of {total:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
