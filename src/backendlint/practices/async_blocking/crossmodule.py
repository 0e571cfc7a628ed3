"""Direct blocking calls in `async def` that only the project pass can see: a module alias
re-exported through a project module (`from .compat import sqlite3`), a method on what a
project function returns or is annotated to return (`media_root().read_text()`), on the
target of a project `@contextmanager`. The per-file pass records such calls as it records
BL107's, and the project index resolves them."""

from __future__ import annotations

from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence
from backendlint.core.practice import PracticeOptions
from backendlint.knowledge import blocking_calls as calls
from backendlint.knowledge.blocking_calls import Category, Match
from backendlint.practices.async_blocking.categories import RULES
from backendlint.practices.async_blocking.detection import Blocking
from backendlint.practices.async_blocking.options import AsyncBlockingOptions
from backendlint.semantic.index import ProjectIndex


def external_match(index: ProjectIndex, qualified: str, has_arguments: bool
                   ) -> Optional[tuple[Match, str]]:
    """The blocking call a project-relative name turns out to be, with the name it resolved
    to; None when it is a project function or nothing the tables know."""
    resolved = index.resolve(qualified)
    if resolved != qualified:
        found = calls.match_call(resolved, has_arguments)
        if found is not None:
            return found, resolved
    head, call, rest = resolved.partition("()")
    if not call or index.function(head) is None:
        return None
    function = index.function(head)
    assert function is not None
    candidates = [f"{function.symbol.returns}()"] if function.symbol.returns else []
    candidates.extend(index.returns(head))
    for produced in candidates:
        typed = index.resolve(produced.partition("()")[0]) + "()" + rest
        found = calls.match_call(typed, has_arguments)
        if found is not None and found.category is not Category.DJANGO_ORM:
            return found, typed
    return None


class ResolvedCalls:
    """Reports, once per project pass, the async calls the index resolves to blocking calls."""

    def __init__(self, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, AsyncBlockingOptions)
        ignore = tuple(options.ignore)
        index = project.index
        from backendlint.practices.async_blocking.callgraph import ProjectCalls

        modules = ProjectCalls.of(project).modules
        for facts in modules.values():
            record = facts.record
            for call in facts.async_calls:
                qualified = (f"{record.module}.{call.ref.name}" if call.ref.local
                             else call.ref.name)
                if call.ref.local and not record.module:
                    continue
                found = external_match(index, qualified, call.has_arguments)
                if found is None:
                    continue
                match, resolved = found
                if ignore and calls.matches_any((resolved, match.canonical), ignore):
                    continue
                rule = RULES[match.category]
                message = rule.message(Blocking(match.category, match.label))
                project.report(rule, record.path, call.span,
                               f"{message} (`{call.call}` resolves to `{resolved}` through "
                               "the project)", confidence=Confidence.MEDIUM)
