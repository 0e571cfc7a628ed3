"""The access-control practice's module facts: what this module says about authentication (functions that check credentials, blueprint guards),
CSRF (exempted views, settings) and its DRF settings module."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional

from backendlint.core.facts import ModuleFacts, Span


@dataclass
class CsrfExempt:
    """`@csrf_exempt` on a view (or `csrf_exempt(view)` in a URL pattern)."""

    view: str
    span: Span
    # The view's body checks a signature or token itself (a signed webhook).
    checks_signature: bool = False


@dataclass
class CsrfSetting:
    """A setting that turns CSRF protection off: `WTF_CSRF_ENABLED = False`, a MIDDLEWARE
    list without CsrfViewMiddleware, a SessionAuthentication that skips `enforce_csrf`."""

    what: str
    span: Span


@dataclass
class AccessControlFacts(ModuleFacts):
    practice: ClassVar[str] = "access-control"
    version: ClassVar[int] = 2

    # The parameters this practice's questions added to the endpoint facts, which are
    # stored once for every practice that reads them (`semantic.endpoints.graph.module_endpoints`).
    endpoint_parameters: dict[str, list[str]] = field(default_factory=dict)
    # Functions (qualified) whose body checks credentials: raises 401/403, aborts, or
    # depends on a security scheme; dependencies named for the current user are added in
    # the project pass.
    auth_functions: list[str] = field(default_factory=list)
    # FastAPI dependencies of each function (`Depends(target)` in its parameters), for
    # requirements reached through a chain (`get_active_user` depends on `get_current_user`).
    depends_on: dict[str, list[str]] = field(default_factory=dict)
    # Functions that take a credential optionally (`x_api_key: str | None = Header(None)`):
    # they serve anonymous and authenticated callers on purpose.
    optional_credentials: list[str] = field(default_factory=list)
    # Blueprints and apps (identities) with a `before_request` hook that checks the user.
    guarded: list[str] = field(default_factory=list)
    csrf_exempt: list[CsrfExempt] = field(default_factory=list)
    csrf_settings: list[CsrfSetting] = field(default_factory=list)
    # The module is a Django settings module whose MIDDLEWARE has SessionMiddleware.
    session_middleware: bool = False
    # DEFAULT_PERMISSION_CLASSES and DEFAULT_AUTHENTICATION_CLASSES when REST_FRAMEWORK is a
    # literal here (None: not set, or not a literal).
    default_permissions: Optional[list[str]] = None
    default_authentication: Optional[list[str]] = None
    rest_framework_settings: bool = False
