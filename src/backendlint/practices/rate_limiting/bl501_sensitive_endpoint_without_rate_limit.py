"""SensitiveEndpointWithoutRateLimit."""

from __future__ import annotations

from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.rate_limiting.base import RateLimitRule
from backendlint.practices.rate_limiting.guide import FRAMEWORK_GUIDE
from backendlint.practices.rate_limiting.project import Analysis, Endpoint, Limited


class SensitiveEndpointWithoutRateLimit(RateLimitRule):
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
    """ + FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix: the right limit depends on the endpoint.
    """

    code = "BL501"
    name = "sensitive-endpoint-without-rate-limit"
    severity = Severity.ERROR
    confidence = Confidence.MEDIUM
    cwe = 307

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        def message(endpoint: Endpoint, analysis: Analysis) -> Optional[str]:
            if (endpoint.limited is Limited.YES or endpoint.exempt or endpoint.lockout
                    or endpoint.authenticated or not endpoint.sensitive):
                return None
            return (f"sensitive endpoint `{endpoint.describe()}` is open to anonymous clients "
                    f"and has no rate limit; {analysis.suggestion(endpoint.framework)}")

        cls.report_endpoints(project, options, message)
