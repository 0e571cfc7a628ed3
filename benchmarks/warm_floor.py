"""The floor of a warm run in Python: read backendlint's result snapshot, decode each file's
findings from its JSON and print one concise line per finding, sorted. No rules, no click,
no checks of any input: what any warm run written in Python pays at the least.

    python benchmarks/warm_floor.py CACHE_DIR > /dev/null
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def concise_lines(snapshot: Path) -> list[str]:
    rows: list[tuple[str, int, int, str, str, str]] = []
    lines = snapshot.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
    for line in lines[1:]:  # the first line is the snapshot's salt
        display, _, rest = line.partition("\t")
        parts = rest.split("\t", 2)
        if len(parts) < 3 or not parts[0].startswith("["):
            continue  # the project pass's entry, or an empty line
        json.loads(parts[0])
        _, findings, _ = json.loads(parts[1])
        for item in findings:
            fix = item[10]
            marker = "[*] " if fix is not None and fix[1] == "safe" else ""
            rows.append((display, item[5], item[6], item[0], marker, item[4]))
    rows.sort()
    return [f"{path}:{line}:{column}: {code} {marker}{message}\n"
            for path, line, column, code, marker, message in rows]


def main() -> None:
    snapshots = sorted(Path(sys.argv[1]).glob("results-*.jsonl"),
                       key=lambda path: path.stat().st_mtime_ns)
    if not snapshots:
        sys.exit(f"no results-*.jsonl in {sys.argv[1]}")
    sys.stdout.write("".join(concise_lines(snapshots[-1])))


if __name__ == "__main__":
    main()
