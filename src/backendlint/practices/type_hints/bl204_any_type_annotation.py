"""BL204: `typing.Any` in a parameter or return annotation (self-contained)."""

from __future__ import annotations

import ast

from backendlint.core.findings import Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.python_types import ANY_NAMES
from backendlint.practices.type_hints.options import TypeHintsOptions
from backendlint.semantic.analyze.annotations import parse_string_annotation
from backendlint.semantic.analyze.arguments import FunctionNode, every_parameter_with_default


class AnyAnnotation(Rule):
    """## What it does
    Checks for parameters and return values annotated `typing.Any` (also through an alias such
    as `import typing as t; t.Any`, and in string annotations). Off by default.

    ## Why is this bad?
    `Any` switches type checking off for that value in both directions: anything is accepted
    and anything may be done with it. `object` accepts anything while keeping checks; a
    precise type or a `Protocol` says what the function needs.

    ## Example
    ```python
    from typing import Any

    def publish(event: Any) -> Any:
        return event
    ```

    Use instead:
    ```python
    def publish(event: dict[str, str]) -> bool:
        return bool(event)
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `allow-any` (default false): accept `Any` on `*args` and `**kwargs`.

    ## Fix safety
    There is no fix: only the author knows the intended type.
    """

    code = "BL204"
    name = "any-type-annotation"
    severity = Severity.WARNING
    default_enabled = False
    requires_any_text = ("Any",)

    def visit_FunctionDef(self, node: FunctionNode) -> None:
        assert isinstance(self.options, TypeHintsOptions)
        allow_any = self.options.allow_any
        for arg, _ in every_parameter_with_default(node):
            star = arg is node.args.vararg or arg is node.args.kwarg
            if arg.annotation is None or (star and allow_any):
                continue
            if self._is_any(arg.annotation):
                self.report(arg.annotation,
                            f"Parameter `{arg.arg}` of `{node.name}` is annotated `Any`")
        if node.returns is not None and self._is_any(node.returns):
            self.report(node.returns, f"Return of `{node.name}` is annotated `Any`")

    visit_AsyncFunctionDef = visit_FunctionDef

    def _is_any(self, annotation: ast.expr) -> bool:
        return self.semantic.qualified_name(parse_string_annotation(annotation)) in ANY_NAMES
