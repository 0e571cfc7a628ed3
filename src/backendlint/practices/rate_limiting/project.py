"""The project half of rate limiting: joins every module's facts (through the endpoint
graph) into endpoints, decides which limits reach each one, and finds limits that do
nothing. Everything here reads typed module facts only, never source code."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Optional
from weakref import WeakKeyDictionary

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.core.facts import Span
from backendlint.knowledge.auth import (
    AUTH_CHECK,
    LOCKOUT,
    LOGIN_REQUIRED_VIEWS,
    OAUTH_REDIRECT,
    SIGNATURE_CHECK,
)
from backendlint.knowledge.limiters import (
    DRF_CLASS_SCOPES,
    LIMIT_METHODS,
    LOCKOUT_BACKENDS,
    LOCKOUT_DECORATORS,
    LOCKOUT_MIDDLEWARE,
    RATE_LIMIT_EXCEEDED,
    RATE_LIMITER_DEPENDENCIES,
    SCOPED_THROTTLE,
    SLOWAPI_MIDDLEWARE,
    THROTTLE_CLASSES_DECORATOR,
    is_ratelimit_decorator,
    limiter_library,
    named_like_a_limit_dependency,
    named_like_a_limiter,
)
from backendlint.knowledge.web_frameworks import (
    DJANGO_AUTH_VIEWS_PREFIX,
    DRF_ACTIONS,
    HANDLER_METHODS,
    KNOWN_VIEW_BASES,
    MUTATING_METHODS,
    RENDER_ONLY_VIEWS,
)
from backendlint.practices.rate_limiting.facts import LimiterSetup, RateLimitFacts
from backendlint.practices.rate_limiting.options import RateLimitingOptions
from backendlint.practices.rate_limiting.sensitivity import is_sensitive
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.endpoints.access import AccessJudge
from backendlint.semantic.endpoints.facts import (
    ClassSummary,
    Decorator,
    DecoratorKind,
    Dependency,
    FunctionSummary,
    Handler,
    Route,
    RouteStyle,
)
from backendlint.semantic.endpoints.graph import (
    EndpointGraph,
    Group,
    Lineage,
    ViewUrls,
    django_url,
)
from backendlint.semantic.index import ProjectIndex


class Limited(Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass
class Endpoint:
    framework: str  # fastapi, starlette, flask, drf, django
    path: str  # display path of the file to report in
    span: Span
    names: list[str]
    own_paths: list[str]
    full_path: str
    methods: Optional[set[str]]
    limited: Limited = Limited.NO
    exempt: bool = False
    exempt_what: str = ""
    # A requirement for an authenticated or privileged user was found on the way to it.
    authenticated: bool = False
    # Its body checks who the user is (weaker evidence: a sign-up view checks it too).
    checks_user: bool = False
    parameters: list[str] = field(default_factory=list)
    # Its body only redirects to an OAuth provider / verifies a signature.
    redirects_to_provider: bool = False
    verifies_signature: bool = False
    # The credential is locked out after failures (a counter in its body, or declared).
    lockout: bool = False
    # Why its limit status is unknown (a router no app includes), for the message.
    unknown_because: str = ""
    # Where what exempts it is written, when not at its def (`throttle_classes = []`).
    exempt_site: Optional[tuple[str, Span]] = None

    def describe(self) -> str:
        if self.methods is None:
            method = "ANY"
        else:
            mutating = sorted(self.methods & MUTATING_METHODS)
            method = ", ".join(mutating or sorted(self.methods))
        return f"{method} {self.full_path or '/'}"

    @property
    def sensitive(self) -> bool:
        return is_sensitive(self.names, self.own_paths, self.methods, self.full_path,
                            self.parameters, self.redirects_to_provider)

    @property
    def open_to_anonymous(self) -> bool:
        return not self.authenticated


@dataclass
class Problem:
    """A BL503 finding: a limit that does nothing."""

    path: str
    span: Span
    message: str


@dataclass
class Limiter:
    setup: LimiterSetup
    path: str


@dataclass
class Chain:
    """What applies along every path from a router or blueprint up to its apps."""

    hard: bool = False  # a limit that applies to every route (dependency, middleware)
    defaults: bool = False  # a limiter's default limits
    reached: bool = False  # an app was reached
    exempt: bool = False  # exempted from the default limits


@dataclass
class _DrfSettings:
    present: bool = False
    known: bool = True
    classes: frozenset[str] = frozenset()
    rates: frozenset[str] = frozenset()
    rates_set: bool = False
    rates_known: bool = True


def _matches(name: Optional[str], patterns: Iterable[str]) -> bool:
    return bool(name) and any(name == p or fnmatch.fnmatchcase(name or "", p) for p in patterns)


_ANALYSES: WeakKeyDictionary[ProjectContext, Analysis] = WeakKeyDictionary()


def analyse(project: ProjectContext, options: RateLimitingOptions) -> Analysis:
    """One analysis per project pass, shared by the four rules."""
    found = _ANALYSES.get(project)
    if found is None:
        found = _ANALYSES[project] = Analysis(project, options)
    return found


class Analysis:
    """Every endpoint of the project with its limit status, and every BL503 problem."""

    def __init__(self, project: ProjectContext, options: RateLimitingOptions) -> None:
        self.options = options
        self.project = project
        modules = project.typed_facts(RateLimitFacts)
        index = project.index
        self.index = index
        self.graph = EndpointGraph(
            [(record, facts.endpoints) for record, facts in modules],
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
        self.drf = _DrfSettings()
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
        self._read_facts()
        self.judge = AccessJudge(
            self.graph, is_function=lambda name: index.function(name) is not None,
            value_of=index.value, drf_default_permissions=self.drf_default_permissions,
            django_middleware=self.django_middleware)
        self._route_endpoints()
        self._url_endpoints()
        self._limiter_problems()
        self._drf_rate_problems()

    # ------------------------------------------------------------------ facts
    def root(self, identity: Optional[str]) -> str:
        return self.graph.root(identity) or "?"

    def _read_facts(self) -> None:
        graph = self.graph
        for module, facts in self.modules:
            path = module.path
            for setup in facts.limiters:
                key = self.root(setup.identity)
                self.limiters[key] = Limiter(setup, path)
                if setup.app is not None:
                    self.limiter_apps.setdefault(key, set()).add(self.root(setup.app))
            for bound in facts.bound:
                self.limiter_apps.setdefault(self.root(bound.limiter), set()).add(
                    self.root(bound.app))
            for state in facts.state_limiters:
                limiter = self.root(state.limiter)
                self.attached.add(limiter)
                graph.group(state.app)
                self.state_limiter[self.root(state.app)] = limiter
            for whole in facts.group_limits:
                graph.group(whole.owner)
                self.limited_whole.add(self.root(whole.owner))
            for whole in facts.group_exempts:
                graph.group(whole.owner)
                self.exempt_whole.add(self.root(whole.owner))
            self.body_limited.update(graph.canonical(qual) for qual in facts.body_limited)
            for function in facts.endpoints.functions.values():
                self.uses_ratelimit |= any(is_ratelimit_decorator(d.qualified) and d.is_call
                                           for d in function.decorators)
            if not is_test_path(path):
                # Test settings say nothing of how the project is deployed.
                self._read_settings(path, facts)
            self.fastapi_limiter_init |= facts.fastapi_limiter_init
            self.rate_limiter_uses.extend((path, use) for use in facts.rate_limiter_uses)

    def _read_settings(self, path: str, facts: RateLimitFacts) -> None:
        drf = facts.endpoints.drf_settings
        if drf is not None:
            self.drf.present = True
            classes = drf.class_lists.get("DEFAULT_THROTTLE_CLASSES", [])
            known = drf.known and classes is not None
            self.drf.known &= known
            if known and classes is not None:
                self.drf.classes |= frozenset(classes)
                rates = drf.mappings.get("DEFAULT_THROTTLE_RATES")
                if rates is not None:
                    self.drf.rates |= frozenset(rates.keys)
                    self.drf.rates_set = True
                    self.drf.rates_known &= rates.complete
                span = drf.class_list_spans.get("DEFAULT_THROTTLE_CLASSES")
                if span is not None and "DEFAULT_THROTTLE_CLASSES" in drf.class_lists:
                    self.drf_class_sites.append((path, span, classes))
            else:
                self.drf.rates_known = False
            if "DEFAULT_PERMISSION_CLASSES" in drf.class_lists:
                permissions = drf.class_lists["DEFAULT_PERMISSION_CLASSES"]
                self.drf_default_permissions = permissions if permissions is not None else ["?"]
        self.lockout_backend |= bool(set(facts.endpoints.authentication_backends)
                                     & LOCKOUT_BACKENDS)
        self.django_settings |= facts.endpoints.django_settings
        self.django_middleware.extend(facts.endpoints.django_middleware)

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
        return any(d.target in RATE_LIMITER_DEPENDENCIES or _matches(d.target, patterns)
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
        return (_matches(name, self.options.decorators) or named_like_a_limiter(name)
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
                or _matches(self.graph.canonical(qualified), self.options.lockout)
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
                or any(_matches(m, self.options.middleware) for m in group.middleware))

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

    # ------------------------------------------------------------------ routes
    def _route_endpoints(self) -> None:
        for path, route in self.graph.routes():
            self._route(path, route)

    def _route(self, path: str, route: Route) -> None:
        framework = self.graph.route_framework(route)
        if framework is None:
            return
        function = route.function
        span = route.span
        if function is None and route.view:
            found = self.graph.functions.get(self.graph.canonical(route.view))
            if found is not None:
                # A view registered with add_url_rule/add_api_route/Route is reported at its
                # def, in whichever module defines it.
                path, function = found
                span = function.span
        chain = self.chain(route.owner)
        full_path = self.graph.prefix(route.owner) + route.path
        view_class = self.graph.classes.get(self.graph.canonical(route.view or ""))
        if function is None and view_class is not None:
            self._method_view_endpoints(view_class, route, framework, full_path, chain)
            return
        decorators = function.decorators if function else []
        own = (self.decorator_limits(route.wrappers)
               or self.dependency_limits(route.dependencies)
               or bool(function and (self.function_limits(function) or self.dependency_limits(
                   function.parameter_dependencies))))
        route_exempt = any(not d.is_call and d.attr == "exempt" and self.library(d.receiver)
                           for d in decorators)
        methods = set(route.methods) if route.methods else None
        endpoint = Endpoint(framework, path, span, [function.name] if function else [],
                            [route.path], full_path, methods)
        dependencies = [*route.dependencies, *self.chain_dependencies(route.owner),
                        *(function.parameter_dependencies if function else [])]
        endpoint.authenticated = (self.judge.dependencies_guard(dependencies)
                                  or self.judge.decorator_guards([*decorators, *route.wrappers],
                                                                 methods))
        if function is not None:
            endpoint.parameters = list(function.parameters)
            self.describe_body(endpoint, function.qualified)
        limited = own or chain.hard
        # An exempted blueprint is a deliberate choice, like an exempted route.
        endpoint.exempt = not limited and (route_exempt or (chain.defaults and chain.exempt))
        endpoint.exempt_what = "@limiter.exempt" if route_exempt else "limiter.exempt(blueprint)"
        endpoint.limited = self._status(
            limited, chain.defaults and not chain.exempt and not route_exempt, chain.reached)
        if endpoint.limited is Limited.UNKNOWN:
            endpoint.unknown_because = self.unattached(route.owner)
        self.add_endpoint(endpoint)
        if function is not None and route.style is RouteStyle.DECORATOR:
            self._decorator_problems(path, route, function, framework)

    def _status(self, limited: bool, defaults: bool, reached: bool) -> Limited:
        # A router no known app includes is served by code backendlint cannot see, or by
        # nothing at all (an OpenAPI callbacks router): its limits are unknown.
        if limited or defaults:
            return Limited.YES
        return Limited.NO if reached else Limited.UNKNOWN

    def _method_view_endpoints(self, view: tuple[str, ClassSummary], route: Route,
                               framework: str, full_path: str, chain: Chain) -> None:
        path, summary = view
        class_limit = self.decorator_limits(summary.view_decorators or [])
        handlers = [(name, handler, {name.upper()})
                    for name, handler in summary.handlers.items() if name in HANDLER_METHODS]
        dispatch = summary.handlers.get("dispatch_request")
        if not handlers and dispatch is not None and framework == "flask":
            # A plain flask.views.View: one handler for the `methods` it lists (GET when
            # none are listed).
            methods = {m.upper() for m in summary.methods or ["GET"]}
            handlers = [("dispatch_request", dispatch, methods)]
        class_limit |= self.decorator_limits(summary.method_decorators)
        dependencies = [*route.dependencies, *self.chain_dependencies(route.owner)]
        for name, handler, handler_methods in handlers:
            own = class_limit or self.handler_limits(summary, name, handler)
            endpoint = Endpoint(framework, path, handler.span, [summary.name], [route.path],
                                full_path, handler_methods)
            endpoint.authenticated = (
                self.judge.class_guarded([view], framework, handler_methods)
                or self.judge.decorator_guards(handler.decorators, handler_methods)
                or self.judge.dependencies_guard(dependencies))
            self.describe_body(endpoint, f"{summary.qualified}.{name}")
            endpoint.limited = self._status(own or chain.hard,
                                            chain.defaults and not chain.exempt,
                                            chain.reached)
            if endpoint.limited is Limited.UNKNOWN:
                endpoint.unknown_because = self.unattached(route.owner)
            self.add_endpoint(endpoint)

    def _decorator_problems(self, path: str, route: Route, function: FunctionSummary,
                            framework: str) -> None:
        for decorator in function.decorators:
            if not (decorator.is_call and decorator.kind is DecoratorKind.OTHER
                    and decorator.attr in LIMIT_METHODS):
                continue
            library = self.library(decorator.receiver)
            if library is None:
                continue
            self.slowapi_decorators += library == "slowapi"
            if decorator.index < route.route_index:
                self.problem(path, function.span,
                             "The limit decorator is above the route decorator, so the route "
                             "registers the undecorated function and the limit never runs; "
                             "put the route decorator first")
            elif library == "slowapi" and not function.has_request \
                    and framework in ("fastapi", "starlette"):
                self.problem(path, function.span,
                             "slowapi needs a `request: Request` parameter on a limited "
                             "endpoint; without it the limit cannot run")

    def add_endpoint(self, endpoint: Endpoint) -> None:
        self.has_routes = True
        if not is_test_path(endpoint.path):
            self.endpoints.append(endpoint)

    def problem(self, path: str, span: Span, message: str) -> None:
        if is_test_path(path):
            return
        self.problems.setdefault((path, span.line), Problem(path, span, message))

    # ------------------------------------------------------------------ Django and DRF
    def _url_endpoints(self) -> None:
        graph = self.graph
        for key, urls in graph.view_urls().items():
            wrapped = all(self.decorator_limits(p.wrappers) for p in urls.patterns)
            if key in RENDER_ONLY_VIEWS:
                continue  # a library view that renders or redirects (also when linting it)
            if key in graph.functions:
                self._function_view(graph.functions[key], urls, wrapped)
            elif key in graph.classes:
                self._class_view(graph.classes[key], urls, wrapped)
            elif key in KNOWN_VIEW_BASES and KNOWN_VIEW_BASES[key][1]:
                self._library_view(key, urls, wrapped)

    def _django_wide_limit(self) -> bool:
        return self.lockout_backend or any(
            m in LOCKOUT_MIDDLEWARE or _matches(m, self.options.middleware)
            for m in self.django_middleware)

    def _settings_throttle(self) -> Limited:
        """Whether DRF's DEFAULT_THROTTLE_CLASSES limit every view."""
        if not self.drf.present:
            return Limited.NO if self.django_settings else Limited.UNKNOWN
        if not self.drf.known:
            return Limited.UNKNOWN
        return Limited.YES if self.drf.classes else Limited.NO

    def _function_view(self, found: tuple[str, FunctionSummary], urls: ViewUrls,
                       wrapped: bool) -> None:
        path, function = found
        decorators = function.decorators
        is_drf = any(d.kind is DecoratorKind.API_VIEW for d in decorators)
        methods: Optional[set[str]] = None
        for decorator in decorators:
            if decorator.kind in (DecoratorKind.API_VIEW, DecoratorKind.METHODS):
                methods = set(decorator.methods or [])
        hints = self.graph.method_hints.get(self.graph.canonical(function.qualified))
        if methods is None and hints is not None:
            methods = {"GET", *hints}
        throttles = [d for d in decorators if d.qualified == THROTTLE_CLASSES_DECORATOR]
        limited = self.function_limits(function) or wrapped or self._django_wide_limit()
        status = Limited.YES if limited else Limited.NO
        if not limited and is_drf and not throttles:
            status = self._settings_throttle()
        framework = "drf" if is_drf else "django"
        endpoint = Endpoint(framework, path, function.span,
                            [function.name], urls.paths, django_url(urls.paths[0]), methods,
                            limited=status)
        wrappers = [w for p in urls.patterns for w in p.wrappers]
        endpoint.authenticated = self.judge.function_view_guarded(
            framework, [*decorators, *wrappers], methods)
        endpoint.parameters = list(function.parameters)
        self.describe_body(endpoint, function.qualified)
        if status is Limited.UNKNOWN:
            endpoint.unknown_because = ("DRF's settings (DEFAULT_THROTTLE_CLASSES) could not "
                                        "be seen")
        endpoint.exempt = any(d.classes == [] for d in throttles)
        endpoint.exempt_what = "@throttle_classes([])"
        self.add_endpoint(endpoint)

    def _drf_class_throttle(self, chain: list[tuple[str, ClassSummary]]
                            ) -> tuple[Limited, Optional[list[str]]]:
        """(whether throttled, the effective throttle classes or None)."""
        for _, summary in chain:
            if "get_throttles" in summary.handlers:
                return Limited.YES, None
            found = summary.class_lists.get("throttle_classes")
            if found is not None and found.classes is None:
                return Limited.UNKNOWN, None
            if found is not None and found.classes is not None:
                return (Limited.YES if found.classes else Limited.NO), found.classes
        status = self._settings_throttle()
        return status, sorted(self.drf.classes) if status is not Limited.UNKNOWN else None

    def _class_view(self, found: tuple[str, ClassSummary], urls: ViewUrls,
                    wrapped: bool) -> None:
        path, summary = found
        lineage = self.graph.lineage(self.graph.canonical(summary.qualified))
        if lineage is None:
            return
        framework, chain = lineage.framework, lineage.chain
        throttle = Limited.NO
        first = next((s.class_lists["throttle_classes"] for _, s in chain
                      if "throttle_classes" in s.class_lists), None)
        explicit_empty = framework == "drf" and first is not None and first.classes == []
        exempt_site = next(((p, s.class_lists["throttle_classes"].span) for p, s in chain
                            if "throttle_classes" in s.class_lists), None) \
            if explicit_empty else None
        if framework == "drf":
            throttle, classes = self._drf_class_throttle(chain)
            self._scope_problem(path, summary, chain, classes)
        class_limited = (wrapped or self._django_wide_limit()
                         or any(self.decorator_limits(s.decorators) for _, s in chain))
        handlers: dict[str, tuple[ClassSummary, Handler, set[str], list[str]]] = {}
        for _, owner in chain:
            for name, handler in owner.handlers.items():
                if name not in handlers:
                    resolved = _handler_methods(name, handler, lineage.viewset)
                    if resolved is not None:
                        handlers[name] = (owner, handler, *resolved)
        defined = {m for _, _, methods, _ in handlers.values() for m in methods}
        for name, (owner, handler, methods, extra_names) in handlers.items():
            own = class_limited or any(
                self.decorator_limits(s.decorators, handler=name) for _, s in chain) \
                or self.handler_limits(owner, name, handler)
            endpoint = self._class_endpoint(lineage, path, handler.span, summary, urls,
                                            methods, extra_names, own, throttle,
                                            explicit_empty, name)
            endpoint.authenticated |= self.judge.decorator_guards(handler.decorators, methods)
            endpoint.exempt_site = exempt_site
            self.describe_body(endpoint, f"{owner.qualified}.{name}")
        remaining = lineage.inherited - defined
        if remaining:
            endpoint = self._class_endpoint(lineage, path, summary.span, summary, urls,
                                            remaining, [], class_limited, throttle,
                                            explicit_empty, None)
            endpoint.exempt_site = exempt_site

    def _class_endpoint(self, lineage: Lineage, path: str, span: Span, summary: ClassSummary,
                        urls: ViewUrls, methods: set[str], extra_names: list[str], own: bool,
                        throttle: Limited, explicit_empty: bool,
                        handler: Optional[str]) -> Endpoint:
        names = [summary.name, *extra_names]
        base_names = [b.rsplit(".", 1)[-1] for b in summary.bases
                      if b.startswith(DJANGO_AUTH_VIEWS_PREFIX)]
        full_path = django_url(urls.paths[0])
        if extra_names:
            full_path = full_path.rstrip("/") + "/" + extra_names[-1]
        endpoint = Endpoint(lineage.framework, path, span, names + base_names,
                            urls.paths + extra_names, full_path, methods)
        endpoint.limited = Limited.YES if own else throttle
        endpoint.exempt = explicit_empty
        endpoint.exempt_what = "throttle_classes = []"
        wrappers = [w for p in urls.patterns for w in p.wrappers]
        endpoint.authenticated = (
            self.judge.class_guarded(lineage.chain, lineage.framework, methods, handler)
            or self.judge.decorator_guards(wrappers, methods)
            or any(base in LOGIN_REQUIRED_VIEWS for _, s in lineage.chain for base in s.bases))
        endpoint.lockout |= any(self.lockout(f"{s.qualified}.{handler or 'post'}")
                                or self.lockout(s.qualified) for _, s in lineage.chain)
        if endpoint.limited is Limited.UNKNOWN:
            endpoint.unknown_because = ("DRF's settings (DEFAULT_THROTTLE_CLASSES) could not "
                                        "be seen")
        self.add_endpoint(endpoint)
        return endpoint

    def _library_view(self, key: str, urls: ViewUrls, wrapped: bool) -> None:
        if key in RENDER_ONLY_VIEWS:
            return  # `TemplateView.as_view(...)` in urls.py renders a page and changes nothing
        limited = wrapped or self._django_wide_limit()
        name = key.rsplit(".", 1)[-1]
        methods = set(KNOWN_VIEW_BASES[key][1])
        endpoint = Endpoint(
            KNOWN_VIEW_BASES[key][0], urls.path, urls.first.span, [name], urls.paths,
            django_url(urls.paths[0]), methods, limited=Limited.YES if limited else Limited.NO)
        wrappers = [w for p in urls.patterns for w in p.wrappers]
        endpoint.authenticated = key in LOGIN_REQUIRED_VIEWS or self.judge.function_view_guarded(
            "django", wrappers, methods)
        self.add_endpoint(endpoint)

    def _scope_problem(self, path: str, summary: ClassSummary,
                       chain: list[tuple[str, ClassSummary]],
                       classes: Optional[list[str]]) -> None:
        owner = next(((p, s) for p, s in chain if s.strings.get("throttle_scope")), None)
        if owner is None or classes is None:
            return
        scope = owner[1].strings["throttle_scope"]
        # Point at the `throttle_scope = ...` line, in whichever class of the chain sets it.
        site = owner[1].string_spans.get("throttle_scope")
        if site is not None:
            path, span = owner[0], site
        else:
            span = summary.span
        if SCOPED_THROTTLE in classes or any("ScopedRateThrottle" in c for c in classes):
            reason = self._missing_rate(scope) if scope != "?" else None
            if reason is not None:
                self.problem(path, span,
                             f"`throttle_scope = \"{scope}\"` limits nothing: {reason}")
            return
        self.problem(path, span,
                     f"`throttle_scope = \"{scope}\"` limits nothing: ScopedRateThrottle is not "
                     "in this view's `throttle_classes` nor in DEFAULT_THROTTLE_CLASSES")

    def _rates_known(self) -> bool:
        return self.drf.present and self.drf.known and self.drf.rates_known

    def _missing_rate(self, scope: str) -> Optional[str]:
        """Why a throttle scope has no rate, or None when it has one (or rates are unknown)."""
        if not self._rates_known() or scope in self.drf.rates:
            return None
        if not self.drf.rates_set:
            return ("DEFAULT_THROTTLE_RATES is not set, so DRF's default rate for "
                    f"'{scope}' (None) applies and the throttle never limits")
        return (f"DEFAULT_THROTTLE_RATES has no '{scope}' rate, so DRF raises "
                "ImproperlyConfigured on every request the throttle checks")

    def _drf_rate_problems(self) -> None:
        """DEFAULT_THROTTLE_CLASSES naming AnonRateThrottle or UserRateThrottle without a
        rate for their scope."""
        for path, span, classes in self.drf_class_sites:
            for name in classes:
                scope = DRF_CLASS_SCOPES.get(name.rsplit(".", 1)[-1])
                reason = self._missing_rate(scope) if scope else None
                if reason is not None:
                    self.problem(path, span,
                                 f"`{name.rsplit('.', 1)[-1]}` in DEFAULT_THROTTLE_CLASSES "
                                 f"limits nothing: {reason}; add \"{scope}\": \"100/hour\" "
                                 "(or another rate) to DEFAULT_THROTTLE_RATES")

    # ------------------------------------------------------------------ limiter setup
    def _limiter_problems(self) -> None:
        if not self.has_routes:
            return
        all_middleware = {m for g in self.graph.groups.values() for m in g.middleware}
        handled = {key for key, group in self.graph.groups.items()
                   if RATE_LIMIT_EXCEEDED & set(group.exception_handlers)}
        for key, limiter in self.limiters.items():
            path, span = limiter.path, limiter.setup.span
            if limiter.setup.library == "slowapi":
                if key not in self.attached and "?" not in self.attached:
                    self.problem(path, span,
                                 "This slowapi Limiter is never attached as "
                                 "`app.state.limiter`, so its limits never run")
                elif not handled:
                    self.problem(path, span,
                                 "No handler for `RateLimitExceeded` is registered; slowapi "
                                 "needs `app.add_exception_handler(RateLimitExceeded, "
                                 "_rate_limit_exceeded_handler)` to answer exceeded limits "
                                 "with its 429 response and Retry-After header")
                elif limiter.setup.defaults and not (all_middleware & SLOWAPI_MIDDLEWARE):
                    self.problem(path, span,
                                 "`default_limits` apply only through SlowAPIMiddleware, which "
                                 "is never added: `app.add_middleware(SlowAPIMiddleware)`")
            elif not self.limiter_apps.get(key):
                self.problem(path, span,
                             "This flask-limiter Limiter is never bound to an app (pass `app=` "
                             "or call `limiter.init_app(app)`), so its limits never run")
        if not self.fastapi_limiter_init:
            for path, span in self.rate_limiter_uses:
                self.problem(path, span,
                             "The `RateLimiter` of fastapi-limiter needs `await FastAPILimiter.init"
                             "(redis)` at startup, and the project never calls it")

    # ------------------------------------------------------------------ messages
    def suggestion(self, framework: str) -> str:
        """How to add a limit with what the project already uses (the most used one)."""
        fastapi_limiter_first = len(self.rate_limiter_uses) > self.slowapi_decorators
        if framework in ("fastapi", "starlette") and fastapi_limiter_first:
            return ("add `Depends(RateLimiter(times=5, seconds=60))` "
                    f"(fastapi-limiter is used in {_file(self.rate_limiter_uses[0][0])})")
        for key, limiter in sorted(self.limiters.items(), key=lambda kv: kv[1].path):
            variable = key.rsplit(".", 1)[-1]
            if limiter.setup.library == "slowapi" and framework in ("fastapi", "starlette"):
                return (f"add @{variable}.limit(\"5/minute\") (slowapi is configured in "
                        f"{_file(limiter.path)})")
            if limiter.setup.library == "flask_limiter" and framework == "flask":
                return (f"add @{variable}.limit(\"5 per minute\") (flask-limiter is "
                        f"configured in {_file(limiter.path)})")
        if framework in ("fastapi", "starlette"):
            if self.rate_limiter_uses:
                return ("add `Depends(RateLimiter(times=5, seconds=60))` "
                        f"(fastapi-limiter is used in {_file(self.rate_limiter_uses[0][0])})")
            return "add a limit, e.g. slowapi's @limiter.limit(\"5/minute\")"
        if framework == "flask":
            return "add a limit, e.g. flask-limiter's @limiter.limit(\"5 per minute\")"
        if framework == "drf" and not self.uses_ratelimit:
            if any("ScopedRateThrottle" in c for c in self.drf.classes):
                return "set `throttle_scope` (ScopedRateThrottle is in DEFAULT_THROTTLE_CLASSES)"
            return "add `throttle_classes = [AnonRateThrottle, UserRateThrottle]` with rates"
        return "add django-ratelimit's @ratelimit(key=\"ip\", rate=\"5/m\")"


def _file(path: str) -> str:
    """A file's name for a message (the finding's own path says where the endpoint is)."""
    return path.rsplit("/", 1)[-1]


def _handler_methods(name: str, handler: Handler,
                     viewset: bool) -> Optional[tuple[set[str], list[str]]]:
    """The HTTP methods of a class view's method, and the names it adds to the endpoint
    (an `@action`'s name and url_path); None when it is not a handler."""
    for decorator in handler.decorators:
        if decorator.kind is DecoratorKind.ACTION:
            extra = [name] + ([decorator.url_path] if decorator.url_path else [])
            return set(decorator.methods or []), extra
    if name in HANDLER_METHODS:
        return {name.upper()}, []
    if viewset and name in DRF_ACTIONS:
        return {DRF_ACTIONS[name]}, []
    return None


def _plain_class(index: ProjectIndex, name: str) -> bool:
    found = index.class_(name)
    return found is not None and not found.symbol.bases
