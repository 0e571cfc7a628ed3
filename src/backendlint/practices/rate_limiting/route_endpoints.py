"""Rate limiting's endpoints that routes register (FastAPI, Starlette, Flask), with the
limits that reach each and the limit decorators that cannot work."""

from __future__ import annotations

from backendlint.knowledge.limiters import (
    LIMIT_METHODS,
)
from backendlint.knowledge.web_frameworks import (
    HANDLER_METHODS,
)
from backendlint.practices.rate_limiting.limits import LimitsBase
from backendlint.practices.rate_limiting.project_types import (
    Chain,
    Endpoint,
    Limited,
)
from backendlint.semantic.endpoints.facts import (
    ClassSummary,
    DecoratorKind,
    FunctionSummary,
    Route,
    RouteStyle,
)


class RouteEndpoints(LimitsBase):
    """Endpoints registered as routes: FastAPI, Starlette and Flask decorators,
    `add_api_route`/`add_url_rule`/`Route`, and Flask method views."""

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
        endpoint.limited = self.status(
            limited, chain.defaults and not chain.exempt and not route_exempt, chain.reached)
        if endpoint.limited is Limited.UNKNOWN:
            endpoint.unknown_because = self.unattached(route.owner)
        self.add_endpoint(endpoint)
        if function is not None and route.style is RouteStyle.DECORATOR:
            self._decorator_problems(path, route, function, framework)

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
            endpoint.limited = self.status(own or chain.hard,
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
