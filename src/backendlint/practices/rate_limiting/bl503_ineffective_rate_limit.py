"""IneffectiveRateLimit."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.rate_limiting.base import RateLimitRule
from backendlint.practices.rate_limiting.guide import FRAMEWORK_GUIDE
from backendlint.practices.rate_limiting.options import RateLimitingOptions
from backendlint.practices.rate_limiting.project import analyse


class IneffectiveRateLimit(RateLimitRule):
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
    """ + FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix.
    """

    code = "BL503"
    name = "ineffective-rate-limit"
    severity = Severity.ERROR
    confidence = Confidence.HIGH

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, RateLimitingOptions)
        analysis = analyse(project, options)
        for problem in analysis.problems.values():
            project.report(cls, problem.path, problem.span, problem.message)
