"""Rate limiting (BL5xx): endpoints without a limit, and limits that silently do nothing.

The per-file pass records module facts (`rate_limit_facts.Collector`); the project pass
(`rate_limit_project.Analysis`) joins them, so a limiter configured in `main.py` or
`settings.py` counts for routes declared in other modules.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable, Literal, Optional

from backendlint.context import ProjectContext
from backendlint.diagnostics import RelatedLocation, Severity
from backendlint.rule import PracticeOptions, Rule
from backendlint.rules.rate_limit_facts import PRACTICE, Collector
from backendlint.rules.rate_limit_project import Analysis, Endpoint, analyse

# Files that can hold an app, a route, a view, a URL pattern or a limiter setup.
_RELEVANT_TEXT = (
    "fastapi", "starlette", "flask", "Flask", "django", "rest_framework", "REST_FRAMEWORK",
    "limit", "Limit", "APIRouter", "Blueprint", "include_router", "register_blueprint",
    "add_url_rule", "add_api_route", "add_middleware", "as_view", "create_app", "urlpatterns",
    "Route(", "MIDDLEWARE", "INSTALLED_APPS",
)


@dataclass
class RateLimitingOptions(PracticeOptions):
    # Qualified names or fnmatch patterns of the project's own limit decorators,
    # dependencies (`Depends(x)`) and middleware (FastAPI/Starlette `add_middleware`,
    # Django `MIDDLEWARE`).
    decorators: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    middleware: list[str] = field(default_factory=list)
    # Limits are enforced by a proxy or API gateway: only BL503 (broken limits) runs.
    gateway: bool = False
    # Which endpoints BL502 checks: none beyond BL501's, state-changing ones, or every one.
    scope: Literal["sensitive", "mutating", "all"] = "mutating"


class _RateLimitRule(Rule):
    """Shared collection: the practice's handlers run on the first BL5xx rule of the file
    (the engine's shared dispatch), whose collector writes the module's facts."""

    practice = "rate-limiting"
    options_class = RateLimitingOptions
    requires_any_text = _RELEVANT_TEXT
    project_level = True
    shared_handlers = frozenset({
        "visit_Module", "visit_FunctionDef", "visit_AsyncFunctionDef", "visit_ClassDef",
        "visit_Call", "visit_Assign", "visit_AnnAssign", "visit_Return", "visit_Attribute",
        "visit_Compare"})

    _collector: Optional[Collector] = None

    def visit_Module(self, node: ast.Module) -> None:
        self._collector = Collector(self.ctx)
        # Which rule collected, for the facts' readers (the shared dispatch picks one).
        self.ctx.practice_facts(PRACTICE)["collected_by"] = self.code

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if self._collector is not None:
            self._collector.on_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        if self._collector is not None:
            self._collector.on_function(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if self._collector is not None:
            self._collector.on_class(node)

    def visit_Call(self, node: ast.Call) -> None:
        if self._collector is not None:
            self._collector.on_call(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if self._collector is not None:
            self._collector.on_assign(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if self._collector is not None:
            self._collector.on_assign([node.target], node.value)

    def visit_Return(self, node: ast.Return) -> None:
        if self._collector is not None:
            self._collector.on_return(node.value)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self._collector is not None and node.attr == "POST":
            self._collector.on_attribute(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if self._collector is not None:
            self._collector.on_compare(node)

    @classmethod
    def report_endpoints(cls, project: ProjectContext, options: PracticeOptions,
                         message_for: Callable[[Endpoint, Analysis], Optional[str]],
                         at_exemption: bool = False) -> None:
        """Report each endpoint once (at its def) where `message_for` gives a message; nothing
        when the project limits at its gateway."""
        assert isinstance(options, RateLimitingOptions)
        if options.gateway:
            return
        analysis = analyse(project, options)
        seen: set[tuple[str, int]] = set()
        for endpoint in analysis.endpoints:
            message = message_for(endpoint, analysis)
            # BL504 points at the attribute that exempts the view, when there is one.
            path, location = (endpoint.exempt_site if at_exemption and endpoint.exempt_site
                              else (endpoint.path, endpoint.location))
            key = (path, location["line"])
            if message is not None and key not in seen:
                seen.add(key)
                project.report(cls, path, location, message,
                               related=_limiter_setup(analysis, endpoint.framework))


_FRAMEWORK_GUIDE = """
    ### FastAPI and Starlette
    Endpoints are path operations, and Starlette `Route(...)` entries (functions or
    `HTTPEndpoint` classes), with the prefixes of the `Mount(...)` tables they sit in.
    - slowapi: `@limiter.limit("5/minute")` below the route decorator, with a
      `request: Request` parameter; or a `Limiter(default_limits=[...])` attached as
      `app.state.limiter` with `app.add_middleware(SlowAPIMiddleware)` on the app that
      serves the router.
    - fastapi-limiter: `dependencies=[Depends(RateLimiter(times=5, seconds=60))]` on the route,
      the `APIRouter`, the `include_router(...)` call or `FastAPI(...)`, or as a parameter
      (`= Depends(RateLimiter(...))`, `Annotated[None, Depends(RateLimiter(...))]`, or a
      module-level `Annotated` alias of it); and `await FastAPILimiter.init(redis)` at
      startup.

    ### Flask
    flask-limiter: `@limiter.limit("5 per minute")` below `@app.route`; a
    `Limiter(default_limits=[...])` bound with `app=` or `limiter.init_app(app)`;
    `limiter.limit("...")(blueprint)` for a whole blueprint; a `before_request` hook that
    calls `limiter.check()`; `decorators = [limiter.limit(...)]` on a `MethodView` or a
    plain `View` (whose `dispatch_request` serves the `methods` it lists, GET by default).

    ### Django REST framework
    `throttle_classes` on the view or `@throttle_classes([...])`, a `get_throttles()`
    override, or `DEFAULT_THROTTLE_CLASSES` and `DEFAULT_THROTTLE_RATES` in
    `REST_FRAMEWORK`. `throttle_scope` needs `ScopedRateThrottle`.

    ### Django
    django-ratelimit: `@ratelimit(key="ip", rate="5/m")` on the view,
    `@method_decorator(ratelimit(...), name="post")` on a class view,
    `ratelimit(...)(view)` in `urls.py`, or `is_ratelimited(request, ...)` called in the view
    or handler itself.

    django-axes and django-defender (`AxesMiddleware`, `FailedLoginMiddleware` in
    `MIDDLEWARE`) lock out repeated failed logins, and count as a limit on Django views.

    ### A custom limiter, or limiting at the gateway
    A project's own decorator, or a call in the view's body, whose name says it limits
    (`session_ratelimit_post`, `throttle_login`, `check_rate_limit(...)`; not
    `ratelimit_exempt` or `skip_throttle`) counts as a limit. Others go
    in `[tool.backendlint.rate-limiting]`: `decorators`, `dependencies` and `middleware` take
    qualified names or patterns of the project's own limiter (`["app.security.guard"]`,
    `["app.limits.*"]`); `gateway = true` says a proxy or API gateway limits every request,
    and then only BL503 runs.
"""


class SensitiveEndpointWithoutRateLimit(_RateLimitRule):
    __doc__ = """## What it does
    Checks for authentication and account endpoints with no rate limit: login, sign-in,
    token, password and reset, forgot, register and sign-up, activation, OTP, verify, MFA and
    2FA, invitations, magic links and OAuth callbacks. Sensitivity comes from the endpoint's
    own function or class name and its own path segment, never from a router prefix such as
    `/auth` alone; logout, status and settings endpoints and a GET that only renders a form
    are not sensitive. Limits set anywhere in the project count: the route's decorators and
    dependencies, its router, the `include_router`/`register_blueprint` call, the app's
    middleware and default limits, DRF settings. Endpoints of apps built in tests, and
    routers no app of the project includes, are not reported: their limits are unknown.

    ## Why is this bad?
    Without a limit, an attacker can try passwords, one-time codes and reset tokens as fast
    as the server answers (credential stuffing, OTP brute force, account enumeration, mass
    sign-ups).

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()


    @app.post("/login")
    async def login(username: str, password: str) -> dict[str, str]:
        return {"token": "..."}
    ```

    Use instead:
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()


    @app.post("/login")
    @limiter.limit("5/minute")
    async def login(request: Request, username: str, password: str) -> dict[str, str]:
        return {"token": "..."}
    ```

    ## Options
    `[tool.backendlint.rate-limiting]`: `decorators`, `dependencies`, `middleware` (the
    project's own limiter) and `gateway` (see below).
    """ + _FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix: the right limit depends on the endpoint.
    """

    code = "BL501"
    name = "sensitive-endpoint-without-rate-limit"
    severity = Severity.ERROR
    confidence = "medium"
    cwe = 307

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        def message(endpoint: Endpoint, analysis: Analysis) -> Optional[str]:
            if endpoint.limited != "no" or endpoint.exempt or not endpoint.sensitive:
                return None
            return (f"Sensitive endpoint `{endpoint.describe()}` has no rate limit; "
                    f"{analysis.suggestion(endpoint.framework)}")

        cls.report_endpoints(project, options, message)


class MutatingEndpointWithoutRateLimit(_RateLimitRule):
    __doc__ = """## What it does
    Checks for state-changing endpoints (POST, PUT, PATCH, DELETE) with no rate limit, other
    than the sensitive ones BL501 reports. With `scope = "all"` it checks GET endpoints too;
    with `scope = "sensitive"` it checks nothing beyond BL501. Django function views are
    checked only when their methods are known (`require_POST`, `require_http_methods`,
    `@api_view`, `request.method == "POST"`).

    ## Why is this bad?
    An unlimited write endpoint lets one client fill the database, send mail or spend paid
    API quota as fast as it can send requests.

    ## Example
    ```python
    from fastapi import APIRouter, FastAPI

    router = APIRouter()


    @router.post("/orders")
    async def create_order(item_id: int) -> dict[str, int]:
        return {"id": item_id}


    app = FastAPI()
    app.include_router(router)
    ```

    Use instead:
    ```python
    from fastapi import APIRouter, Depends, FastAPI
    from fastapi_limiter import FastAPILimiter
    from fastapi_limiter.depends import RateLimiter

    router = APIRouter(dependencies=[Depends(RateLimiter(times=30, seconds=60))])


    async def startup(redis) -> None:
        await FastAPILimiter.init(redis)


    @router.post("/orders")
    async def create_order(item_id: int) -> dict[str, int]:
        return {"id": item_id}


    app = FastAPI()
    app.include_router(router)
    ```

    ## Options
    `scope = "sensitive" | "mutating" | "all"` (default `"mutating"`) in
    `[tool.backendlint.rate-limiting]`, and the options of BL501.
    """ + _FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix.
    """

    code = "BL502"
    name = "mutating-endpoint-without-rate-limit"
    severity = Severity.WARNING
    confidence = "low"
    cwe = 770

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, RateLimitingOptions)
        if options.scope == "sensitive":
            return
        mutating_only = options.scope == "mutating"

        def message(endpoint: Endpoint, analysis: Analysis) -> Optional[str]:
            if (endpoint.limited != "no" or endpoint.exempt or endpoint.methods is None
                    or endpoint.sensitive):
                return None
            if mutating_only and not endpoint.methods & {"POST", "PUT", "PATCH", "DELETE"}:
                return None
            return (f"`{endpoint.describe()}` has no rate limit; "
                    f"{analysis.suggestion(endpoint.framework)}")

        cls.report_endpoints(project, options, message)


class IneffectiveRateLimit(_RateLimitRule):
    __doc__ = """## What it does
    Checks for rate limits that do nothing: a slowapi or flask-limiter decorator above the
    route decorator; a slowapi-limited endpoint without a `request: Request` parameter; a
    slowapi `Limiter` never attached as `app.state.limiter`, or with no `RateLimitExceeded`
    handler; `default_limits` on a slowapi `Limiter` whose `SlowAPIMiddleware` is never added;
    a flask-limiter `Limiter` never bound to an app; fastapi-limiter used with no
    `FastAPILimiter.init` anywhere; a DRF `throttle_scope` with no `ScopedRateThrottle`
    configured, or with no rate for its scope in `DEFAULT_THROTTLE_RATES`;
    `AnonRateThrottle`/`UserRateThrottle` in `DEFAULT_THROTTLE_CLASSES` without an `anon`/
    `user` rate (DRF's default rate is None, and a rates dict that lacks the scope raises
    `ImproperlyConfigured`). BL501 and BL502 do not report endpoints whose limit BL503
    reports.

    ## Why is this bad?
    The code reads as protected, so nobody adds the limit that is missing.

    ## Example
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()


    @limiter.limit("5/minute")
    @app.post("/login")
    async def login(request: Request) -> dict[str, str]:
        return {"token": "..."}
    ```

    Use instead:
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter, _rate_limit_exceeded_handler
    from slowapi.errors import RateLimitExceeded
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()
    app.state.limiter = limiter
    app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


    @app.post("/login")
    @limiter.limit("5/minute")
    async def login(request: Request) -> dict[str, str]:
        return {"token": "..."}
    ```

    ## Options
    BL503 runs even with `gateway = true`.
    """ + _FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix.
    """

    code = "BL503"
    name = "ineffective-rate-limit"
    severity = Severity.ERROR
    confidence = "high"

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        analysis = analyse(project, options)
        for problem in analysis.problems.values():
            project.report(cls, problem.path, problem.location, problem.message)


class RateLimitExemptSensitiveEndpoint(_RateLimitRule):
    __doc__ = """## What it does
    Checks for sensitive endpoints (as BL501 judges them) that are taken out of the
    project's rate limiting: `@limiter.exempt` (slowapi, flask-limiter), an empty
    `throttle_classes = []` or `@throttle_classes([])` (DRF).

    ## Why is this bad?
    An exemption is usually meant for health checks and webhooks; on a login or reset
    endpoint it reopens the brute-force path the default limits closed.

    ## Example
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address, default_limits=["100/minute"])
    app = FastAPI()


    @app.post("/password-reset")
    @limiter.exempt
    async def request_password_reset(request: Request) -> None:
        ...
    ```

    Use instead:
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address, default_limits=["100/minute"])
    app = FastAPI()


    @app.post("/password-reset")
    @limiter.limit("3/hour")
    async def request_password_reset(request: Request) -> None:
        ...
    ```

    ## Options
    Off with `gateway = true`.
    """ + _FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix.
    """

    code = "BL504"
    name = "rate-limit-exempt-sensitive-endpoint"
    severity = Severity.WARNING
    confidence = "medium"
    cwe = 307

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        def message(endpoint: Endpoint, _analysis: Analysis) -> Optional[str]:
            if not (endpoint.exempt and endpoint.sensitive):
                return None
            return (f"`{endpoint.exempt_what}` takes sensitive endpoint "
                    f"`{endpoint.describe()}` out of rate limiting")

        cls.report_endpoints(project, options, message, at_exemption=True)


def _limiter_setup(analysis: Analysis, framework: str) -> tuple[RelatedLocation, ...]:
    """Where the project sets up the limiters of the endpoint's framework: the places an
    unlimited endpoint's fix refers to, as related locations (the message names the file)."""
    libraries = _LIMITERS_OF.get(framework, ())
    places = [RelatedLocation(item["path"], item["location"]["line"],
                              item["location"]["column"], f"{item['library']} limiter set up here")
              for _, item in sorted(analysis.limiters.items())
              if "location" in item and item["library"] in libraries]
    if "fastapi_limiter" in libraries:
        places += [RelatedLocation(path, location["line"], location["column"],
                                   "fastapi-limiter RateLimiter used here")
                   for path, location in analysis.rate_limiter_uses[:1]]
    return tuple(places)


_LIMITERS_OF = {
    "fastapi": ("slowapi", "fastapi_limiter"),
    "starlette": ("slowapi", "fastapi_limiter"),
    "flask": ("flask_limiter",),
}
