"""The project half of rate limiting: joins every module's facts (through the endpoint
graph) into endpoints, decides which limits reach each one, and finds limits that do
nothing. Everything here reads typed module facts only, never source code.

The walk is split by what registers an endpoint: route_endpoints.py (FastAPI, Starlette,
Flask) and django_endpoints.py (URL patterns, DRF); limits.py holds what both ask."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.knowledge.limiters import (
    LOCKOUT_BACKENDS,
    RATE_LIMIT_EXCEEDED,
    SLOWAPI_MIDDLEWARE,
    is_ratelimit_decorator,
)
from backendlint.practices.rate_limiting.django_endpoints import DjangoEndpoints
from backendlint.practices.rate_limiting.options import RateLimitingOptions
from backendlint.practices.rate_limiting.project_types import (
    Limiter,
)
from backendlint.practices.rate_limiting.route_endpoints import RouteEndpoints
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.endpoints.access import AccessJudge
from backendlint.semantic.endpoints.facts import EndpointFacts


def analyse(project: ProjectContext, options: RateLimitingOptions) -> Analysis:
    """One analysis per project pass, shared by the four rules. Kept by the context, as
    the other practices keep theirs: a module-level table keyed by the context held the
    context alive through the analysis itself (the index and every module's facts, to the
    end of the process)."""
    return project.computed(lambda: Analysis(project, options), Analysis)


class Analysis(RouteEndpoints, DjangoEndpoints):
    """Every endpoint of the project with its limit status, and every BL503 problem."""

    def __init__(self, project: ProjectContext, options: RateLimitingOptions) -> None:
        super().__init__(project, options)
        index = self.index
        self._read_facts()
        self.judge = AccessJudge(
            self.graph, is_function=lambda name: index.function(name) is not None,
            value_of=index.value, drf_default_permissions=self.drf_default_permissions,
            django_middleware=self.django_middleware)
        self._route_endpoints()
        self._url_endpoints()
        self._limiter_problems()
        self._drf_rate_problems()

    def _read_facts(self) -> None:
        graph = self.graph
        for (module, facts), (_, endpoints) in zip(self.modules, self.endpoints_of):
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
            for function in endpoints.functions.values():
                self.uses_ratelimit |= any(is_ratelimit_decorator(d.qualified) and d.is_call
                                           for d in function.decorators)
            if not is_test_path(path):
                # Test settings say nothing of how the project is deployed.
                self._read_settings(path, endpoints)
            self.fastapi_limiter_init |= facts.fastapi_limiter_init
            self.rate_limiter_uses.extend((path, use) for use in facts.rate_limiter_uses)

    def _read_settings(self, path: str, endpoints: EndpointFacts) -> None:
        drf = endpoints.drf_settings
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
        self.lockout_backend |= bool(set(endpoints.authentication_backends)
                                     & LOCKOUT_BACKENDS)
        self.django_settings |= endpoints.django_settings
        self.django_middleware.extend(endpoints.django_middleware)

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
