"""BL601: an endpoint with no authentication requirement among siblings that require one
(project rule)."""

from __future__ import annotations

from collections import defaultdict

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.access_control.base import AccessProjectRule
from backendlint.practices.access_control.project import Endpoint

# Siblings that must require authentication before an open endpoint stands out: fewer is
# not a pattern, and most of a group must be protected for the open one to be an exception.
MIN_PROTECTED = 2


class EndpointLeftOpen(AccessProjectRule):
    """## What it does
    Checks for an endpoint that has no authentication requirement while the other endpoints
    of the same router, blueprint, app or views module require one. Requirements are found
    where each framework puts them: FastAPI `Depends`/`Security` on a dependency that yields
    the current user or checks credentials (by name, by raising 401/403, or by taking a
    security scheme such as `OAuth2PasswordBearer`), router, app and `include_router`
    `dependencies=`; Flask `login_required`, `jwt_required` and friends, and a blueprint
    `before_request` guard; Django `login_required`, `permission_required`,
    `user_passes_test`, `LoginRequiredMixin`/`PermissionRequiredMixin`; DRF
    `permission_classes` and `DEFAULT_PERMISSION_CLASSES`.

    Endpoints meant to be public are not reported: sign-in, sign-up, password reset, OAuth
    callbacks, health and readiness probes, docs, webhooks (by their name or URL), and what
    the project declares in `public`. A group is only compared when at least two of its
    endpoints are protected and they outnumber the open ones; an app where nothing is
    protected gives no finding.

    ## Why is this bad?
    Broken access control is the most common web vulnerability. When every route of a router
    takes `Depends(get_current_user)` but one was added without it, that one is readable or
    writable by anyone, and nothing fails until someone finds it.

    ## Example
    ```python
    from fastapi import APIRouter, Depends

    from app.auth import get_current_user

    router = APIRouter()


    @router.get("/orders")
    def list_orders(user=Depends(get_current_user)):
        return []


    @router.get("/orders/{order_id}")
    def read_order(order_id: int, user=Depends(get_current_user)):
        return {}


    @router.delete("/orders/{order_id}")
    def delete_order(order_id: int):
        return None
    ```

    Use instead:
    ```python
    from fastapi import APIRouter, Depends

    from app.auth import get_current_user

    router = APIRouter(dependencies=[Depends(get_current_user)])


    @router.get("/orders")
    def list_orders():
        return []


    @router.delete("/orders/{order_id}")
    def delete_order(order_id: int):
        return None
    ```

    ## Options
    - `public` in `[tool.backendlint.access-control]`: fnmatch patterns of URLs or view names
      meant to be public.
    - `auth-decorators`, `auth-dependencies`: the project's own requirements by qualified name.

    ## Fix safety
    There is no fix: which requirement applies is the project's decision.
    """

    code = "BL601"
    name = "endpoint-left-open"
    severity = Severity.ERROR
    confidence = Confidence.MEDIUM
    cwe = 862

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        analysis = cls.analysis(project, options)
        groups: dict[str, list[Endpoint]] = defaultdict(list)
        for endpoint in analysis.endpoints:
            groups[endpoint.group].append(endpoint)
        for members in groups.values():
            protected = [member for member in members if member.requirement]
            open_ones = [member for member in members
                         if not member.requirement and not analysis.is_public(member)]
            if len(protected) < MIN_PROTECTED or len(protected) <= len(open_ones):
                continue
            used = _most_common([member.requirement or "" for member in protected])
            for endpoint in open_ones:
                severity = Severity.ERROR if endpoint.mutating else Severity.WARNING
                project.report(cls, endpoint.path, endpoint.span,
                               f"{endpoint.label} (`{endpoint.name}`) has no authentication "
                               f"requirement while {len(protected)} other endpoints of "
                               f"`{members[0].group_label}` use {used}; add it, or list the "
                               "endpoint in `public` if it is meant to be open",
                               severity=severity)


def _most_common(values: list[str]) -> str:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(sorted(counts), key=lambda value: counts[value])
