"""MutatingEndpointWithoutRateLimit."""

from __future__ import annotations

from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.knowledge.web_frameworks import MUTATING_METHODS
from backendlint.practices.rate_limiting.base import RateLimitRule
from backendlint.practices.rate_limiting.guide import FRAMEWORK_GUIDE
from backendlint.practices.rate_limiting.options import RateLimitingOptions
from backendlint.practices.rate_limiting.project import Analysis
from backendlint.practices.rate_limiting.project_types import Endpoint, Limited
from backendlint.practices.rate_limiting.sensitivity import changes_only_the_session


class MutatingEndpointWithoutRateLimit(RateLimitRule):
    __doc__ = """## What it does
    Checks for state-changing endpoints (POST, PUT, PATCH, DELETE) that anonymous clients
    can reach and that have no rate limit, other than the sensitive ones BL501 reports:
    contact forms, comments, uploads, webhooks that do not check a signature. Endpoints
    with an authentication requirement (as BL501 judges it, or a body that checks the
    user), log-out and language switches (they change the caller's session only), webhooks
    that verify a signature (`stripe.Webhook.construct_event`, `hmac.compare_digest`) and
    log-ins that only redirect to an OAuth provider are not reported. Django function views
    are checked only when their methods are known (`require_POST`, `require_http_methods`,
    `@api_view`, `request.method == "POST"`).

    Changed: BL502 used to report every state-changing endpoint, signed-in or not (most of
    its findings on real applications were authenticated create/update routes); that is
    now `scope = "all-mutating"`.

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
    `scope` in `[tool.backendlint.rate-limiting]`: `"anonymous"` (the default: state-changing
    endpoints anonymous clients can reach), `"all-mutating"` (every state-changing endpoint,
    authenticated too; `"mutating"` is its old name), `"all"` (GET endpoints too) or
    `"sensitive"` (nothing beyond BL501); and the options of BL501.
    """ + FRAMEWORK_GUIDE + """
    ## Fix safety
    There is no fix.
    """

    code = "BL502"
    name = "mutating-endpoint-without-rate-limit"
    severity = Severity.WARNING
    confidence = Confidence.LOW
    cwe = 770

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, RateLimitingOptions)
        if options.scope == "sensitive":
            return
        scope = options.scope

        def message(endpoint: Endpoint, analysis: Analysis) -> Optional[str]:
            if (endpoint.limited is Limited.YES or endpoint.exempt or endpoint.methods is None
                    or (endpoint.sensitive and not endpoint.authenticated)):
                return None
            if scope != "all" and not endpoint.methods & MUTATING_METHODS:
                return None
            if scope == "anonymous":
                if endpoint.authenticated or endpoint.checks_user or \
                        endpoint.verifies_signature or endpoint.redirects_to_provider or \
                        changes_only_the_session(endpoint.names):
                    return None
                return (f"`{endpoint.describe()}` changes state, is open to anonymous "
                        f"clients and has no rate limit; "
                        f"{analysis.suggestion(endpoint.framework)}")
            return (f"`{endpoint.describe()}` has no rate limit; "
                    f"{analysis.suggestion(endpoint.framework)}")

        cls.report_endpoints(project, options, message)
