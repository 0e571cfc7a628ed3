"""What a class body declares: constants, annotations, its bases, whether it is a dataclass."""

from __future__ import annotations

import ast
import importlib
from functools import lru_cache
from typing import Optional

from backendlint.knowledge.python_types import INTROSPECTED_STDLIB_ROOTS
from backendlint.semantic.model import SemanticModel


def class_constants(node: ast.ClassDef) -> dict[str, ast.expr]:
    """Names assigned in the class body (`iterations = 1000`, `x: int = 1`) and their values."""
    values: dict[str, ast.expr] = {}
    for statement in node.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                and statement.value is not None:
            values[statement.target.id] = statement.value
    return values


def class_annotations(node: ast.ClassDef) -> dict[str, ast.expr]:
    """Names annotated in the class body and their annotations."""
    return {statement.target.id: statement.annotation for statement in node.body
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)}


def class_bases(semantic: SemanticModel, cls: Optional[ast.ClassDef]) -> list[str]:
    """The qualified names of a class's bases that resolve."""
    if cls is None:
        return []
    names = [semantic.qualified_name(base) for base in cls.bases]
    return [name for name in names if name]


def is_dataclass(semantic: SemanticModel, node: ast.ClassDef) -> bool:
    """Decorated by `dataclasses.dataclass` or an attrs decorator."""
    return any((semantic.qualified_name(decorator) or "").startswith(("dataclasses.", "attr"))
               for decorator in node.decorator_list)


def subscript_origin(annotation: ast.expr) -> ast.expr:
    """`Mapped[str]` → `Mapped`; anything else unchanged."""
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


@lru_cache(maxsize=1024)
def stdlib_class_defines(qualified: str, attribute: str) -> bool:
    """Whether a builtin or standard-library class (`builtins.dict`, `io.RawIOBase`,
    `collections.OrderedDict`) defines an attribute: an override of it is checked by mypy
    against typeshed. Only vetted standard-library packages are imported; for any other
    class (the project's, a third party's, a module that acts on import): False."""
    module_name, _, class_name = qualified.rpartition(".")
    parts = module_name.split(".")
    # Nor their test suites or programs, which the vetting leaves out.
    if parts[0] not in INTROSPECTED_STDLIB_ROOTS or any(
            part == "__main__" or part.startswith("test") for part in parts[1:]):
        return False
    try:
        module = importlib.import_module(module_name)
    except Exception:  # noqa: BLE001 - a module that fails to import defines nothing here
        return False
    cls = getattr(module, class_name, None)
    return isinstance(cls, type) and hasattr(cls, attribute)
