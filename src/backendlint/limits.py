"""How big a file the per-file pass takes on: past these limits a file is reported (BL001)
and skipped, so one generated file cannot hold a run for minutes or take gigabytes."""

from __future__ import annotations

import ast
from typing import Optional

# Bytes. The largest hand-written modules are a few hundred kilobytes; a 5 MB generated file
# took 90 s and 770 MB to analyse. `max-file-size` in the configuration moves it.
DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
# Syntax nodes: a dense file (long data literals) can be small in bytes and huge as a tree.
MAX_NODES = 1_000_000
# No file has more nodes than this many per character, so shorter files are not counted.
_NODES_PER_CHARACTER = 3


def size_problem(size: int, limit: int) -> Optional[str]:
    if size <= limit:
        return None
    return f"File not analysed: {size} bytes is over the limit of {limit} (max-file-size)"


def node_problem(tree: ast.AST, text_length: int) -> Optional[str]:
    limit = MAX_NODES
    if text_length * _NODES_PER_CHARACTER <= limit:
        return None
    for count, _ in enumerate(ast.walk(tree), start=1):
        if count > limit:
            return f"File not analysed: more than {limit} syntax nodes"
    return None
