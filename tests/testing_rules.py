"""Rules that exist only in the test suite: they exercise the fix and project machinery."""

from __future__ import annotations

import ast
from typing import Any

from backendlint.core.context import ProjectContext
from backendlint.core.findings import FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.registry import register, unregister
from backendlint.core.rule import Rule
from backendlint.fixes import make_fix


class PrintToLogging(Rule):
    """## What it does
    Flags `print()` calls (test-only rule).

    ## Why is this bad?
    Services log.

    ## Example
    ```python
    print("x")
    ```

    Use instead:
    ```python
    import logging

    logging.info("x")
    ```

    ## Options
    None.

    ## Fix safety
    Safe.
    """

    code = "BL991"
    name = "test-print-to-logging"
    practice = "engine"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def visit_Call(self, node: ast.Call) -> None:
        if self.ctx.semantic.qualified_name(node.func) == "builtins.print":
            fix = make_fix("Use logging.info", [self.ctx.replace(node.func, "logging.info")],
                           safe=True, imports=(("logging", None),))
            self.report(node, "print() in a service", fix=fix)


class BreakingFix(Rule):
    """## What it does
    Test-only rule whose fix produces invalid code.

    ## Why is this bad?
    Tests.

    ## Example
    ```python
    x = 1
    ```

    Use instead:
    ```python
    y = 1
    ```

    ## Options
    None.

    ## Fix safety
    Unsafe.
    """

    code = "BL992"
    name = "test-breaking-fix"
    practice = "engine"
    fix_availability = FixAvailability.ALWAYS

    def visit_Assign(self, node: ast.Assign) -> None:
        fix = make_fix("break it", [self.ctx.replace(node, "x = = 1")], safe=True)
        self.report(node, "assignment", fix=fix)


class CrossModuleCall(Rule):
    """## What it does
    Test-only project rule: a call to a function that another module marks `# dangerous`.

    ## Why is this bad?
    Tests.

    ## Example
    ```python
    x = 1
    ```

    Use instead:
    ```python
    y = 1
    ```

    ## Options
    None.

    ## Fix safety
    None.
    """

    code = "BL993"
    name = "test-cross-module-call"
    practice = "engine"
    project_level = True

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name.startswith("dangerous_"):
            facts = self.ctx.practice_facts("test")
            facts.setdefault("dangerous", []).append(f"{self.ctx.module_name}.{node.name}")

    def visit_Call(self, node: ast.Call) -> None:
        name = self.ctx.semantic.qualified_name(node.func)
        if name:
            facts = self.ctx.practice_facts("test")
            facts.setdefault("calls", []).append(
                {"target": name, "location": self.ctx.location(node)})

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        dangerous: set[str] = set()
        for _, facts in project.facts_of("test"):
            dangerous.update(facts.get("dangerous", []))
        for module, facts in project.facts_of("test"):
            for call in facts.get("calls", []):
                target: Any = call["target"]
                if target in dangerous:
                    project.report(cls, module["path"], call["location"],
                                   f"calls {target}")


TEST_RULES = (PrintToLogging, BreakingFix, CrossModuleCall)


def install() -> None:
    for rule in TEST_RULES:
        register(rule)


def uninstall() -> None:
    for rule in TEST_RULES:
        unregister(rule)
