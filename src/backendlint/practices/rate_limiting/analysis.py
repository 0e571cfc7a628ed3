"""The per-file half of rate limiting: one pass that fills the module's `RateLimitFacts` (the
endpoint model's facts, and the limiter setups), for the project pass (`project.py`) to
join: a limiter configured in `main.py` or `settings.py` counts for routes declared in other
modules."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import FileAnalysis, Rule
from backendlint.knowledge.limiters import (
    FASTAPI_LIMITER_INIT,
    LIMIT_METHODS,
    LIMITER_TYPES,
    RATE_LIMITER_DEPENDENCIES,
    named_like_a_limit_object,
    named_like_a_limiter,
)
from backendlint.practices.rate_limiting.facts import (
    LimiterBound,
    LimiterSetup,
    RateLimitFacts,
    StateLimiter,
    WholeGroup,
)
from backendlint.semantic.analyze.arguments import (
    FunctionNode,
    call_argument,
    keyword_argument,
)
from backendlint.semantic.endpoints.collect import SharedEndpoints
from backendlint.semantic.endpoints.facts import Dependency
from backendlint.semantic.endpoints.literals import strip_call

# Files that can hold an app, a route, a view, a URL pattern or a limiter setup.
RELEVANT_TEXT = (
    "fastapi", "starlette", "flask", "Flask", "django", "rest_framework", "REST_FRAMEWORK",
    "limit", "Limit", "APIRouter", "Blueprint", "include_router", "register_blueprint",
    "add_url_rule", "add_api_route", "add_middleware", "as_view", "create_app", "urlpatterns",
    "Route(", "MIDDLEWARE", "INSTALLED_APPS",
)


class RateLimitingAnalysis(FileAnalysis):
    """Collects one module's rate-limiting facts; the four rules report in the project pass."""

    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        super().__init__(ctx, options, enabled)
        # The endpoint model, fed once per file for every practice that reads it.
        self.endpoints = SharedEndpoints.of(ctx).reader()
        self.facts = RateLimitFacts()
        self._dependency_owners: list[list[Dependency]] = []

    # ------------------------------------------------------------------ traversal
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def visit_Call(self, node: ast.Call) -> None:
        self._limiter_call(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._limiter_assign(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._limiter_assign([node.target], node.value)

    def finish(self) -> None:
        facts = self.endpoints.facts
        self.facts.endpoint_parameters = self.endpoints.added_parameters
        self.endpoints.store()
        owners = [*(item.dependencies for item in facts.objects),
                  *(item.dependencies for item in facts.includes),
                  *(item.dependencies for item in facts.routes),
                  *self._dependency_owners]
        seen: set[tuple[int, int]] = set()
        for dependencies in owners:
            for dependency in dependencies:
                key = (dependency.span.line, dependency.span.column)
                if dependency.called and dependency.target in RATE_LIMITER_DEPENDENCIES \
                        and key not in seen:
                    seen.add(key)
                    self.facts.rate_limiter_uses.append(dependency.span)
        self.ctx.set_facts(self.facts)

    # ------------------------------------------------------------------ functions
    def _function(self, node: FunctionNode) -> None:
        summary = self.endpoints.summary(node)
        if summary is not None:
            self._dependency_owners.append(summary.parameter_dependencies)

    # ------------------------------------------------------------------ limiters
    def _limiter_assign(self, targets: list[ast.expr], value: Optional[ast.expr]) -> None:
        if value is None:
            return
        for target in targets:
            if (isinstance(target, ast.Attribute) and target.attr == "limiter"
                    and isinstance(target.value, ast.Attribute)
                    and target.value.attr == "state"):
                self.facts.state_limiters.append(StateLimiter(
                    self.endpoints.object_id(target.value.value),
                    self.endpoints.object_id(value)))
            elif isinstance(target, ast.Name) and isinstance(value, ast.Call):
                library = LIMITER_TYPES.get(self.endpoints.qualified(value.func) or "")
                identity = self.endpoints.object_id(target) if library else None
                if library is not None and identity is not None:
                    self._record_limiter(identity, library, value)

    def _record_limiter(self, identity: str, library: str, call: ast.Call) -> None:
        semantic = self.endpoints.semantic
        defaults = keyword_argument(call, "default_limits") or keyword_argument(
            call, "application_limits")
        has_defaults = defaults is not None and not (
            isinstance(defaults, (ast.List, ast.Tuple)) and not defaults.elts)
        bound: Optional[str] = None
        app_node = keyword_argument(call, "app")
        if app_node is None and library == "flask_limiter" and call.args:
            first = call.args[0]
            first_qualified = self.endpoints.qualified(first)
            binding = semantic.lookup(first.id) if isinstance(first, ast.Name) else None
            is_key_func = isinstance(first, ast.Lambda) or (
                first_qualified or "").startswith("flask_limiter") or (
                binding is not None and binding.kind == "function")
            app_node = None if is_key_func else first
        if app_node is not None and not isinstance(app_node, ast.Constant):
            bound = self.endpoints.object_id(app_node) or "?"
        self.facts.limiters.append(LimiterSetup(identity, library, has_defaults, bound,
                                                self.ctx.span(call)))

    def _limiter_call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Call):
            self._call_of_call(node, func)
            return
        if isinstance(func, ast.Attribute):
            attr = func.attr
            if attr == "init_app":
                self._init_app(node, func.value)
            elif attr == "exempt" and len(node.args) == 1 and not node.keywords \
                    and isinstance(node.args[0], (ast.Name, ast.Attribute)):
                target = self.endpoints.object_id(node.args[0])
                if target is not None:
                    self.facts.group_exempts.append(
                        WholeGroup(target, self.endpoints.object_id(func.value)))
            elif attr == "check" and not node.args:
                self._before_request_check(func.value)
        short = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if short is not None and named_like_a_limiter(short):
            self._limit_checked_in_body()
        elif isinstance(func, ast.Attribute) and named_like_a_limit_object(
                _last_name(func.value)):
            # `self.limiter.check(...)`, `limiter.hit(...)`, `quota.consume_or_raise(...)`
            self._limit_checked_in_body()
        if short == "init" and self.endpoints.qualified(func) in FASTAPI_LIMITER_INIT:
            self.facts.fastapi_limiter_init = True

    def _call_of_call(self, node: ast.Call, inner: ast.Call) -> None:
        """`limiter.limit("10/minute")(auth_bp)`: a limit on a whole blueprint."""
        if isinstance(inner.func, ast.Attribute) and inner.func.attr in LIMIT_METHODS \
                and len(node.args) == 1:
            target = self.endpoints.object_id(node.args[0])
            if target is not None:
                self.facts.group_limits.append(
                    WholeGroup(target, self.endpoints.object_id(inner.func.value)))

    def _init_app(self, node: ast.Call, receiver: ast.expr) -> None:
        limiter = self.endpoints.object_id(receiver)
        app = call_argument(node, 0, "app")
        if limiter is not None and app is not None:
            self.facts.bound.append(
                LimiterBound(limiter, self.endpoints.object_id(app) or "?"))

    def _before_request_check(self, receiver: ast.expr) -> None:
        function = self.endpoints.semantic.current_function()
        limiter = self.endpoints.object_id(receiver) or strip_call(
            self.endpoints.qualified(receiver))
        if function is None or limiter is None:
            return
        for decorator in function.decorator_list:
            if isinstance(decorator, ast.Attribute) and decorator.attr == "before_request":
                owner = self.endpoints.object_id(decorator.value)
                if owner is not None:
                    self.facts.group_limits.append(WholeGroup(owner, limiter))

    def _limit_checked_in_body(self) -> None:
        if self.endpoints.semantic.current_function() is None:
            return
        qual = self.endpoints.function_prefix()
        if qual is not None and qual not in self.facts.body_limited:
            self.facts.body_limited.append(qual)


def _last_name(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else None
