"""`[tool.backendlint.type-hints]`."""

from __future__ import annotations

from dataclasses import dataclass

from backendlint.core.practice import PracticeOptions


@dataclass
class TypeHintsOptions(PracticeOptions):
    # Skip private (`_name`) functions and methods entirely (BL201 and BL203).
    ignore_private: bool = False
    # Do not require annotations on `_`-prefixed dummy parameters (BL201).
    suppress_dummy_args: bool = False
    # mypy accepts an `__init__` without `-> None` when any parameter is annotated.
    mypy_init_return: bool = True
    # Skip functions that have no annotation at all (gradual adoption, as ruff's option).
    ignore_fully_untyped: bool = False
    # Accept `Any` on `*args` / `**kwargs` (BL204).
    allow_any: bool = False
