"""Which rate limits reach an endpoint: the project pass's shared state and the limit
predicates both halves of the endpoint walk (routes, Django views) ask."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.core.facts import Span
from backendlint.knowledge.auth import (
    AUTH_CHECK,
    LOCKOUT,
    OAUTH_REDIRECT,
    SIGNATURE_CHECK,
)
from backendlint.knowledge.limiters import (
    LIMIT_METHODS,
    LOCKOUT_DECORATORS,
    RATE_LIMITER_DEPENDENCIES,
    SLOWAPI_MIDDLEWARE,
    THROTTLE_CLASSES_DECORATOR,
    is_ratelimit_decorator,
    limiter_library,
    named_like_a_limit_dependency,
    named_like_a_limiter,
)
from backendlint.practices.rate_limiting.facts import RateLimitFacts
from backendlint.practices.rate_limiting.options import RateLimitingOptions
from backendlint.practices.rate_limiting.project_types import (
    Chain,
    DrfSettings,
    Endpoint,
    Limited,
    Limiter,
    Problem,
    matches_any,
)
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.endpoints.access import AccessJudge
from backendlint.semantic.endpoints.facts import (
    ClassSummary,
    Decorator,
    DecoratorKind,
    Dependency,
    FunctionSummary,
    Handler,
)
from backendlint.semantic.endpoints.graph import (
    EndpointGraph,
    Group,
    module_endpoints,
)
from backendlint.semantic.index import ProjectIndex


class LimitsBase:
    """The project's endpoints being collected, and which limits reach code: decorators,
    dependencies, middleware and default limits along the include chain. `Analysis` fills
    it from the facts; the route and Django halves add endpoints to it."""

    judge: AccessJudge

    def __init__(self, project: ProjectContext, options: RateLimitingOptions) -> None:
        self.options = options
        self.project = project
        modules = project.typed_facts(RateLimitFacts)
        index = project.index
        self.index = index
        # Each module's endpoint facts, in the order of `modules`.
        self.endpoints_of = module_endpoints(project, modules,
                                             lambda facts: facts.endpoint_parameters)
        self.graph = EndpointGraph(
            self.endpoints_of,
            [ModuleRecord(module["path"], module["module"]) for module in project.modules],
            resolve=index.resolve, plain_class=lambda name: _plain_class(index, name))
        self.modules = modules
        self.limiters: dict[str, Limiter] = {}
        self.limiter_apps: dict[str, set[str]] = {}
        self.attached: set[str] = set()
        self.state_limiter: dict[str, str] = {}
        self.limited_whole: set[str] = set()
        self.exempt_whole: set[str] = set()
        self.body_limited: set[str] = set()
        self.drf = DrfSettings()
        self.drf_class_sites: list[tuple[str, Span, list[str]]] = []
        self.django_settings = False
        self.django_middleware: list[str] = []
        self.drf_default_permissions: Optional[list[str]] = None
        self.lockout_backend = False
        self.fastapi_limiter_init = False
        self.rate_limiter_uses: list[tuple[str, Span]] = []
        self.uses_ratelimit = False
        self.slowapi_decorators = 0
        self.endpoints: list[Endpoint] = []
        self.has_routes = False
        self.problems: dict[tuple[str, int], Problem] = {}

    def root(self, identity: Optional[str]) -> str:
        return self.graph.root(identity) or "?"

    def library(self, receiver: Optional[str]) -> Optional[str]:
        """slowapi or flask_limiter for a limiter identity, else None."""
        named = limiter_library(receiver)
        if named is not None or not receiver:
            return named
        limiter = self.limiters.get(self.root(receiver))
        return limiter.setup.library if limiter else None

    # ------------------------------------------------------------------ limits
    def dependency_limits(self, dependencies: Iterable[Dependency]) -> bool:
        patterns = self.options.dependencies
        return any(d.target in RATE_LIMITER_DEPENDENCIES or matches_any(d.target, patterns)
                   or named_like_a_limit_dependency(d.target) for d in dependencies)

    def is_limit(self, decorator: Decorator) -> bool:
        if decorator.is_call and decorator.kind is DecoratorKind.OTHER \
                and decorator.attr in LIMIT_METHODS:
            return True
        if decorator.is_call and is_ratelimit_decorator(decorator.qualified):
            return True
        if decorator.qualified == THROTTLE_CLASSES_DECORATOR and decorator.classes != []:
            return True
        name = decorator.qualified
        if name in LOCKOUT_DECORATORS:
            return True
        if name and name.endswith((".limit", ".shared_limit")) and "Limiter" in name:
            return True  # a name bound to `limiter.limit("5/minute")`
        if name and any(value.endswith((".limit()", ".shared_limit()"))
                        for value in self.index.returns(name)):
            return True  # a wrapper that returns `limiter.limit(...)`
        return (matches_any(name, self.options.decorators) or named_like_a_limiter(name)
                or named_like_a_limit_dependency(name))

    def decorator_limits(self, decorators: Iterable[Decorator],
                         handler: Optional[str] = None) -> bool:
        for decorator in decorators:
            if handler is not None and decorator.handler not in (None, "dispatch", handler):
                continue
            if self.is_limit(decorator):
                return True
        return False

    def function_limits(self, function: FunctionSummary) -> bool:
        return (self.decorator_limits(function.decorators)
                or self.graph.canonical(function.qualified) in self.body_limited)

    def handler_limits(self, owner: ClassSummary, name: str, handler: Handler) -> bool:
        return (self.decorator_limits(handler.decorators)
                or self.graph.canonical(f"{owner.qualified}.{name}") in self.body_limited)

    def lockout(self, qualified: str) -> bool:
        """Credential lockout: a failed-attempt counter in the body, or declared."""
        return (self.graph.has_marker(qualified, LOCKOUT)
                or matches_any(self.graph.canonical(qualified), self.options.lockout)
                or "*" in self.options.lockout)

    def describe_body(self, endpoint: Endpoint, qualified: str) -> Endpoint:
        """What the endpoint's body says: it checks the user, only redirects to an OAuth
        provider, verifies a signature, locks the credential out."""
        graph = self.graph
        endpoint.checks_user |= graph.has_marker(qualified, AUTH_CHECK)
        endpoint.redirects_to_provider |= graph.has_marker(qualified, OAUTH_REDIRECT)
        endpoint.verifies_signature |= graph.has_marker(qualified, SIGNATURE_CHECK)
        endpoint.lockout |= self.lockout(qualified)
        return endpoint

    def chain_dependencies(self, owner: Optional[str]) -> list[Dependency]:
        found: list[Dependency] = []
        if owner is None:
            return found
        for _, group in self.graph.ancestors(owner):
            found.extend(group.dependencies)
            for parent in group.parents:
                found.extend(parent.dependencies)
        return found

    def unattached(self, owner: Optional[str]) -> str:
        """Why app-level limits could not be seen for routes of this owner."""
        name = (owner or "?").rsplit(".", 1)[-1]
        note = (f"`{name}` ({self.graph.canonical(owner or '?')}) is not included by any app "
                "backendlint found; its routes were checked without app-level limits")
        self.project.note(note)
        return f"app-level limits could not be seen: no app includes `{name}`"

    def _hard_limit(self, key: str, group: Group) -> bool:
        return (key in self.limited_whole or self.dependency_limits(group.dependencies)
                or any(matches_any(m, self.options.middleware) for m in group.middleware))

    def _default_limit(self, root: str, group: Group) -> bool:
        if group.kind in ("fastapi", "starlette"):
            if not any(m in SLOWAPI_MIDDLEWARE for m in group.middleware):
                return False
            limiter = self.limiters.get(self.state_limiter.get(root, ""))
            if limiter is not None:
                return limiter.setup.defaults
            return any(item.setup.defaults for item in self.limiters.values()
                       if item.setup.library == "slowapi")
        if group.kind == "flask":
            return any(item.setup.defaults and (root in self.limiter_apps.get(key, set())
                                                or "?" in self.limiter_apps.get(key, set()))
                       for key, item in self.limiters.items()
                       if item.setup.library == "flask_limiter")
        return False

    def chain(self, owner: Optional[str]) -> Chain:
        found = Chain()
        for key, group in self.graph.ancestors(owner):
            found.hard |= self._hard_limit(key, group)
            found.defaults |= self._default_limit(key, group)
            found.exempt |= key in self.exempt_whole
            found.reached |= group.is_app
            for parent in group.parents:
                found.hard |= self.dependency_limits(parent.dependencies)
        return found

    def status(self, limited: bool, defaults: bool, reached: bool) -> Limited:
        # A router no known app includes is served by code backendlint cannot see, or by
        # nothing at all (an OpenAPI callbacks router): its limits are unknown.
        if limited or defaults:
            return Limited.YES
        return Limited.NO if reached else Limited.UNKNOWN

    def add_endpoint(self, endpoint: Endpoint) -> None:
        self.has_routes = True
        if not is_test_path(endpoint.path):
            self.endpoints.append(endpoint)

    def problem(self, path: str, span: Span, message: str) -> None:
        if is_test_path(path):
            return
        self.problems.setdefault((path, span.line), Problem(path, span, message))


def _plain_class(index: ProjectIndex, name: str) -> bool:
    found = index.class_(name)
    return found is not None and not found.symbol.bases
