"""Reading type annotations written as code or as strings."""

from __future__ import annotations

import ast
from typing import Optional

_WRAPPERS = frozenset({"Annotated", "Final", "ClassVar", "Required", "NotRequired", "ReadOnly"})


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def parse_string_annotation(annotation: ast.expr) -> ast.expr:
    """`"Optional[Session]"` → its expression; anything else unchanged (also on a syntax error:
    the string is then just a string)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return annotation
    return annotation


def strip_optional(annotation: ast.expr) -> Optional[ast.expr]:
    """The one type an annotation names, looking through `Optional[X]`, `X | None`,
    `Union[X, None]`, `Annotated[X, ...]`, `Final[X]`/`ClassVar[X]` and string annotations.
    A union of several real types is ambiguous: None. A generic (`list[X]`) gives its origin (`list`)."""
    annotation = parse_string_annotation(annotation)
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _single(_union_members(annotation))
    if isinstance(annotation, ast.Subscript):
        name = _base_name(annotation.value)
        if name == "Optional":
            return strip_optional(annotation.slice)
        if name == "Union":
            members = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) \
                else [annotation.slice]
            return _single(members)
        if name in _WRAPPERS:
            inner = annotation.slice
            first = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
            return strip_optional(first)
        # A generic (`Session[X]`, `list[str]`) is typed by its origin.
        return annotation.value
    return annotation


def _union_members(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_union_members(node.left), *_union_members(node.right)]
    return [node]


def _single(members: list[ast.expr]) -> Optional[ast.expr]:
    real = [member for member in members
            if not (isinstance(member, ast.Constant) and member.value is None)
            and not (isinstance(member, ast.Name) and member.id == "None")]
    return strip_optional(real[0]) if len(real) == 1 else None


def annotation_metadata(annotation: ast.expr) -> list[ast.expr]:
    """The metadata of `Annotated[X, meta1, meta2]` (FastAPI puts `Depends(...)` there)."""
    annotation = parse_string_annotation(annotation)
    if (isinstance(annotation, ast.Subscript) and _base_name(annotation.value) == "Annotated"
            and isinstance(annotation.slice, ast.Tuple)):
        return list(annotation.slice.elts[1:])
    return []


_YIELDING = frozenset({"Iterator", "Generator", "AsyncIterator", "AsyncGenerator", "Iterable",
                       "ContextManager", "AbstractContextManager", "AsyncContextManager"})


def yielded_type(annotation: ast.expr) -> Optional[ast.expr]:
    """The element a generator's annotation yields (`Iterator[Path]`, `Generator[Path, None,
    None]`), which is what a `@contextmanager` function gives its `with` target; None for
    other annotations."""
    annotation = parse_string_annotation(annotation)
    if isinstance(annotation, ast.Subscript) and _base_name(annotation.value) in _YIELDING:
        inner = annotation.slice
        first = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
        return strip_optional(first)
    return None


def is_optional(annotation: Optional[ast.expr]) -> bool:
    """`X | None`, `Optional[X]`, `Union[X, None]` (also written as a string)."""
    if annotation is None:
        return False
    annotation = parse_string_annotation(annotation)
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        members = _union_members(annotation)
    elif isinstance(annotation, ast.Subscript) and _base_name(annotation.value) == "Optional":
        return True
    elif isinstance(annotation, ast.Subscript) and _base_name(annotation.value) == "Union":
        inner = annotation.slice
        members = list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]
    else:
        return False
    return any((isinstance(m, ast.Constant) and m.value is None)
               or (isinstance(m, ast.Name) and m.id == "None") for m in members)
