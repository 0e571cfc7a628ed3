"""The part of the BL5xx rule pages that says how each framework's limits are recognised
(shared by the four rules' docstrings)."""

FRAMEWORK_GUIDE = """
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

    ### Lockout of the credential
    Locking an account after repeated failures limits guessing as well as a rate limit
    does, and counts for BL501: django-axes and django-defender (`AxesMiddleware` or an
    `AxesBackend` in `AUTHENTICATION_BACKENDS`, `FailedLoginMiddleware`, `@watch_login`),
    or a failed-attempt counter in the view's body (`user.failed_login_attempts += 1`,
    `fail_count`, `locked_until`). Lockout backendlint cannot see (in a service the view
    calls, at the identity provider) is declared with `lockout = ["app.auth.views.*"]` (view
    patterns) or `lockout = ["*"]`.

    ### A custom limiter
    Recognised without configuration: a decorator, dependency or wrapper whose name says it
    limits (`session_ratelimit_post`, `throttle_login`, `Depends(UserQuota(requests=5,
    window=60))`, `Depends(EmailAttemptRateLimiter(...))`; not `ratelimit_exempt` or
    `skip_throttle`); a function that returns `limiter.limit(...)` used as a decorator
    (`@auth_limit()`); a limit checked in the view's body, by name (`check_rate_limit(...)`,
    `is_ratelimited(...)`) or as a method of a limiter object (`self.limiter.check(...)`,
    `limiter.hit(...)`, `quota.consume_or_raise(...)`). Others go in
    `[tool.backendlint.rate-limiting]`: `decorators`, `dependencies` and `middleware` take
    qualified names or patterns of the project's own limiter (`["app.security.guard"]`,
    `["app.limits.*"]`).

    ### Limiting at the gateway
    `gateway = true` says a proxy or API gateway (nginx `limit_req`, a cloud API gateway)
    limits every request: then only BL503 runs.
"""
