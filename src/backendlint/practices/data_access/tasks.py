"""Which functions are Celery tasks, for the data-access rules on tasks (BL904-BL907): by
their decorators (as qualified names, so the per-file pass and the project pass judge them the
same way), their class (`celery.Task` subclasses), and the `task_decorators` option."""

from __future__ import annotations

import ast
from typing import Callable, Optional

from backendlint.knowledge.background_jobs import TASK_BASES
from backendlint.knowledge.celery import (
    CANVAS,
    CELERY_APP_WORDS,
    CELERY_APPS,
    CELERY_TASK_DECORATOR_ATTRIBUTES,
    CELERY_TASK_DECORATORS,
)
from backendlint.semantic.analyze.arguments import FunctionNode
from backendlint.semantic.analyze.name_patterns import matches_name_pattern
from backendlint.semantic.index import ProjectIndex
from backendlint.semantic.model import SemanticModel


def _bare(qualified: str) -> str:
    return qualified.removesuffix("()")



def is_task_decorator(qualified: str, patterns: list[str],
                      value_of: Callable[[str], Optional[str]] = lambda name: None) -> bool:
    """A decorator (the qualified name of what is called or named: `celery.shared_task`,
    `proj.celery.app.task`, `celery.Celery().task`) that makes a Celery task. `value_of`
    says what a module-level name was assigned (the project index's `value`)."""
    name = _bare(qualified)
    if name in CELERY_TASK_DECORATORS or matches_name_pattern(name, patterns):
        return True
    head, _, attribute = name.rpartition(".")
    if not head or attribute not in CELERY_TASK_DECORATOR_ATTRIBUTES:
        return False
    app = _bare(head)
    if app in CELERY_APPS or app.startswith("celery."):
        return True
    assigned = value_of(head)
    if assigned is not None:
        return _bare(assigned) in CELERY_APPS
    return app.rsplit(".", 1)[-1].lower() in CELERY_APP_WORDS


def decorator_target(decorator: ast.expr) -> ast.expr:
    return decorator.func if isinstance(decorator, ast.Call) else decorator


def is_task_function(semantic: SemanticModel, node: FunctionNode, patterns: list[str]) -> bool:
    """In one module: a function decorated as a Celery task, or the `run` method of a
    `celery.Task` subclass. Call it where the model is positioned in the function (the class
    around it is the enclosing one)."""
    for decorator in node.decorator_list:
        qualified = semantic.qualified_name(decorator_target(decorator))
        if qualified and is_task_decorator(qualified, patterns):
            return True
    if node.name != "run":
        return False
    cls = semantic.enclosing_class()
    return cls is not None and any(
        _bare(semantic.qualified_name(base) or "") in TASK_BASES for base in cls.bases)


def task_verdict(index: ProjectIndex, callee: str, patterns: list[str]) -> Optional[bool]:
    """Whether what `.delay()`/`.apply_async()` is called on is a Celery task: True (a task
    function or class, a signature or canvas), False (a project function that is not one),
    None (not found among the linted modules)."""
    resolved = index.resolve(callee)
    bare = _bare(resolved)
    if bare in CANVAS or bare.startswith("celery."):
        return True
    function = index.function(bare)
    if function is not None:
        return any(is_task_decorator(decorator, patterns, index.value)
                   for decorator in function.symbol.decorators)
    if index.class_(bare) is not None:
        return any(entry in TASK_BASES for entry in index.mro(bare)) or None
    assigned = index.value(bare)
    if assigned is not None and assigned.endswith("()"):
        made_by = index.resolve(assigned[:-2])
        if is_task_decorator(made_by, patterns, index.value) or _bare(made_by) in CANVAS:
            return True
    return None
