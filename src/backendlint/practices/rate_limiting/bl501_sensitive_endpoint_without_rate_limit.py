"""SensitiveEndpointWithoutRateLimit."""

from __future__ import annotations

from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.rate_limiting.base import RateLimitRule
from backendlint.practices.rate_limiting.guide import FRAMEWORK_GUIDE
from backendlint.practices.rate_limiting.project import Analysis
from backendlint.practices.rate_limiting.project_types import Endpoint, Limited


class SensitiveEndpointWithoutRateLimit(RateLimitRule):
    __doc__ = """## What it does
    Checks for endpoints an anonymous client can use to guess or abuse credentials, codes or
    identities, with no rate limit.

    ### How sensitivity is decided
    An endpoint is sensitive when both hold:
    - **it takes or issues credentials, one-time codes, reset or sign-up data**: its own
      function or class name, or its own path segment (never a router prefix such as
      `/auth` alone), says log-in, sign-in, token, password, reset, forgot, register or
      sign-up, activation, OTP, verify, MFA or 2FA, invitation, magic link, recover or
      unlock; creating a user or account (`create_user`, `POST /users/` served by
      `add_user`) is a sign-up. Log-out, status, settings and "done"/"sent" pages are not.
      A GET only renders a page, unless it is a link that acts (activation, verification,
      magic link, invitation, unlock) and carries a code in its path or parameters. A
      log-in that only redirects to an OAuth provider (`authorize_redirect`), and an OAuth
      callback (its code is bound to the session's state), have nothing to guess. A Django
      function view with no method restriction serves POST too;
    - **it has no authentication requirement**: endpoints that need a signed-in or admin
      user are not BL501 (`login_required`, `permission_required`, `@requires(...)`,
      `LoginRequiredMixin` and other `...RequiredMixin` bases, a project decorator named for
      a guard whose body checks the user, DRF `permission_classes` or
      `DEFAULT_PERMISSION_CLASSES` other than `AllowAny`, a FastAPI dependency on a token
      scheme or one that returns the current user — on the route, its routers, the
      `include_router` call or the app —, `PasswordChangeView`, Django's
      `LoginRequiredMiddleware`). Rotating one's own API token, verifying one's own device
      or resetting a counter behind a login are not reported.

    ### Where limits are looked for
    Limits set anywhere in the project count: the route's decorators and dependencies, its
    router, the `include_router`/`register_blueprint` call (also through a package's
    re-exports, `functools.partial` or a loop over a list of blueprints), the app's
    middleware and default limits, DRF settings, lockout (see below). A route on a router or
    blueprint that no app of the project includes (registered by discovery, included by
    code outside the linted files, or only by a test app) is still checked: its own limits
    count, the message says that app-level limits could not be seen, the confidence is
    low, and `-v` lists the router.

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
    project's own limiter), `lockout` (views whose credentials are locked out by code
    backendlint cannot see) and `gateway` (see below).
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
            return (f"Sensitive endpoint `{endpoint.describe()}` is open to anonymous clients "
                    f"and has no rate limit; {analysis.suggestion(endpoint.framework)}")

        cls.report_endpoints(project, options, message)
