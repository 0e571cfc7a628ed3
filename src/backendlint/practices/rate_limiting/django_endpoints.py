"""Rate limiting's Django and DRF endpoints: views that URL patterns reach, their throttles
and limits, and DRF throttle settings that limit nothing."""

from __future__ import annotations

from typing import Optional

from backendlint.core.facts import Span
from backendlint.knowledge.auth import (
    LOGIN_REQUIRED_VIEWS,
)
from backendlint.knowledge.limiters import (
    DRF_CLASS_SCOPES,
    LOCKOUT_MIDDLEWARE,
    SCOPED_THROTTLE,
    THROTTLE_CLASSES_DECORATOR,
)
from backendlint.knowledge.web_frameworks import (
    DJANGO_AUTH_VIEWS_PREFIX,
    DRF_ACTIONS,
    HANDLER_METHODS,
    KNOWN_VIEW_BASES,
    RENDER_ONLY_VIEWS,
)
from backendlint.practices.rate_limiting.limits import LimitsBase
from backendlint.practices.rate_limiting.project_types import (
    Endpoint,
    Limited,
    matches_any,
)
from backendlint.semantic.endpoints.facts import (
    ClassSummary,
    DecoratorKind,
    FunctionSummary,
    Handler,
)
from backendlint.semantic.endpoints.graph import (
    Lineage,
    ViewUrls,
    django_url,
)


class DjangoEndpoints(LimitsBase):
    """Endpoints that URL patterns reach: Django function and class views, DRF views and
    viewsets with their throttles, and library views; DRF throttle settings that limit
    nothing."""

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
            m in LOCKOUT_MIDDLEWARE or matches_any(m, self.options.middleware)
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
