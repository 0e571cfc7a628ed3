"""RateLimitExemptSensitiveEndpoint."""

from __future__ import annotations

from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.rate_limiting.base import RateLimitRule
from backendlint.practices.rate_limiting.guide import FRAMEWORK_GUIDE
from backendlint.practices.rate_limiting.project import Analysis
from backendlint.practices.rate_limiting.project_types import Endpoint


class RateLimitExemptSensitiveEndpoint(RateLimitRule):
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
    """ + FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix.
    """

    code = "BL504"
    name = "rate-limit-exempt-sensitive-endpoint"
    severity = Severity.WARNING
    confidence = Confidence.MEDIUM
    cwe = 307

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        def message(endpoint: Endpoint, _analysis: Analysis) -> Optional[str]:
            if not (endpoint.exempt and endpoint.sensitive) or endpoint.authenticated:
                return None
            return (f"`{endpoint.exempt_what}` takes sensitive endpoint "
                    f"`{endpoint.describe()}` out of rate limiting")

        cls.report_endpoints(project, options, message, at_exemption=True)
