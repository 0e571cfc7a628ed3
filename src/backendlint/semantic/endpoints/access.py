"""Who can reach an endpoint: whether the endpoint model shows a requirement for an
authenticated (or privileged) user on the way to it. Framework-generic; practices decide
what follows (a login endpoint open to anonymous clients needs a rate limit; an endpoint
behind a login does not need one against guessing).

Evidence, by framework: decorators (`login_required`, `@requires("authenticated")`, a
project decorator whose body checks the user), class bases (`LoginRequiredMixin`, a
project `...RequiredMixin`), DRF permission classes (on the view, by decorator or in
`DEFAULT_PERMISSION_CLASSES`), FastAPI dependencies (a token scheme, or a dependency named
for the user it returns, on the route, its routers or the app), Django's
`LoginRequiredMiddleware`, and library views that require a login themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Callable, Optional

from backendlint.knowledge.auth import (
    AUTH_CHECK,
    AUTH_MIXINS,
    DRF_OPEN_PERMISSIONS,
    DRF_READ_ONLY_PERMISSIONS,
    GUARD_DECORATORS,
    LOGIN_REQUIRED_MIDDLEWARE,
    LOGIN_REQUIRED_VIEWS,
    TOKEN_SCHEMES,
    name_words,
    named_like_a_guard,
)
from backendlint.knowledge.web_frameworks import DRF_CLASS_LIST_DECORATORS, MUTATING_METHODS
from backendlint.semantic.endpoints.facts import ClassSummary, Decorator, Dependency
from backendlint.semantic.endpoints.graph import EndpointGraph

_PERMISSION_DECORATOR = next(d for d in DRF_CLASS_LIST_DECORATORS if d.endswith("permission_classes"))
_OPEN_WORDS = frozenset({"allow", "any", "public", "anon", "anonymous"})


class AccessJudge:
    """`is_function(name)` says whether a name is a project function (the project index),
    `value_of(name)` what a module-level name was assigned."""

    def __init__(self, graph: EndpointGraph, *,
                 is_function: Callable[[str], bool] = lambda _name: False,
                 value_of: Callable[[str], Optional[str]] = lambda _name: None,
                 drf_default_permissions: Optional[list[str]] = None,
                 django_middleware: Iterable[str] = ()) -> None:
        self.graph = graph
        self._is_function = is_function
        self._value_of = value_of
        self.drf_default_permissions = drf_default_permissions
        self.django_login_required = LOGIN_REQUIRED_MIDDLEWARE in set(django_middleware)

    # ------------------------------------------------------------------ decorators
    def decorator_guards(self, decorators: Iterable[Decorator],
                         methods: Optional[set[str]] = None,
                         handler: Optional[str] = None) -> bool:
        for decorator in decorators:
            if handler is not None and decorator.handler not in (None, "dispatch", handler):
                continue
            if self.is_guard(decorator, methods):
                return True
        return False

    def is_guard(self, decorator: Decorator, methods: Optional[set[str]] = None) -> bool:
        name = decorator.qualified
        if decorator.is_class_list and name == _PERMISSION_DECORATOR:
            return self.permissions_guard(decorator.classes, methods)
        if name in GUARD_DECORATORS:
            return True
        if name and self._is_function(name):
            # A project decorator needs both: a name that says it guards, and a body that
            # checks the user (`remote_login_required` only checks that a feature is on;
            # `protect_view` checks the user only when a setting says so).
            return named_like_a_guard(name) and self.graph.has_marker(name, AUTH_CHECK)
        return named_like_a_guard(name) or (decorator.attr is not None
                                            and named_like_a_guard(decorator.attr))

    # ------------------------------------------------------------------ dependencies
    def dependencies_guard(self, dependencies: Iterable[Dependency]) -> bool:
        for dependency in dependencies:
            if dependency.optional or dependency.target == "?":
                continue
            target = dependency.target
            value = self._value_of(target)
            if target in TOKEN_SCHEMES or (value and value.removesuffix("()") in TOKEN_SCHEMES):
                return True
            if named_like_a_guard(target):
                return True
        return False

    # ------------------------------------------------------------------ DRF
    def permissions_guard(self, classes: Optional[list[str]],
                          methods: Optional[set[str]]) -> bool:
        """DRF checks every permission class: one that refuses anonymous clients (for these
        methods) guards the view. Unknown classes (not a literal) count as a guard."""
        if classes is None:
            return True
        for name in classes:
            last = name.rsplit(".", 1)[-1]
            words = set(name_words(last))
            if last in DRF_OPEN_PERMISSIONS or (words & _OPEN_WORDS and "read" not in words):
                continue
            if last in DRF_READ_ONLY_PERMISSIONS or {"read", "only"} <= words:
                if methods is None or methods & MUTATING_METHODS:
                    return True
                continue
            return True
        return False

    def drf_view_guarded(self, chain: list[tuple[str, ClassSummary]],
                         methods: Optional[set[str]]) -> bool:
        for _, summary in chain:
            found = summary.class_lists.get("permission_classes")
            if found is not None:
                return self.permissions_guard(found.classes, methods)
        if self.drf_default_permissions is not None:
            return self.permissions_guard(self.drf_default_permissions, methods)
        return False

    # ------------------------------------------------------------------ classes
    def class_guarded(self, chain: list[tuple[str, ClassSummary]], framework: str,
                      methods: Optional[set[str]] = None,
                      handler: Optional[str] = None) -> bool:
        if framework == "django" and self.django_login_required:
            return True
        for _, summary in chain:
            if any(self.base_guards(base) for base in summary.bases):
                return True
            if self.decorator_guards(summary.decorators, methods, handler):
                return True
            dispatch = summary.handlers.get("dispatch")
            if dispatch is not None and self.decorator_guards(dispatch.decorators, methods):
                return True  # `@method_decorator(login_required) def dispatch(...)`
            if summary.view_decorators and self.decorator_guards(summary.view_decorators,
                                                                 methods):
                return True
            if summary.method_decorators and self.decorator_guards(
                    summary.method_decorators, methods):
                return True
        return framework == "drf" and self.drf_view_guarded(chain, methods)

    def base_guards(self, base: str) -> bool:
        if base in AUTH_MIXINS or base in LOGIN_REQUIRED_VIEWS:
            return True
        words = name_words(base)
        return "mixin" in words and "required" in words

    def function_view_guarded(self, framework: str, decorators: Iterable[Decorator],
                              methods: Optional[set[str]]) -> bool:
        if framework == "django" and self.django_login_required:
            return True
        decorators = list(decorators)
        if self.decorator_guards(decorators, methods):
            return True
        if framework == "drf" and not any(d.is_class_list and d.qualified == _PERMISSION_DECORATOR
                                          for d in decorators):
            return self.drf_default_permissions is not None and self.permissions_guard(
                self.drf_default_permissions, methods)
        return False
