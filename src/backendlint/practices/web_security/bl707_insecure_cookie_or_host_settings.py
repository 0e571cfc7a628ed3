"""BL707: cookies and hosts that production should not allow."""

from __future__ import annotations

import ast

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.settings import (
    ALLOWED_HOSTS,
    COOKIE_FLAGS,
    MIDDLEWARE,
    SECURITY_MIDDLEWARE,
    SENSITIVE_COOKIE,
)
from backendlint.practices.web_security.analysis import SETTINGS_TEXT
from backendlint.practices.web_security.options import WebSecurityOptions
from backendlint.practices.web_security.production import project_settings, where
from backendlint.semantic.analyze.arguments import (
    call_argument,
    has_keyword_splat,
    keyword_argument,
)
from backendlint.semantic.analyze.constants import constant_bool, constant_str


class InsecureCookieOrHostSettings(Rule):
    """## What it does
    Checks the production Django settings for `ALLOWED_HOSTS = ["*"]`,
    `SESSION_COOKIE_SECURE = False`, `CSRF_COOKIE_SECURE = False`,
    `SESSION_COOKIE_HTTPONLY = False` and a `MIDDLEWARE` list without
    `SecurityMiddleware`; and checks `set_cookie()` calls (Django, Flask, Starlette) that set a
    session, login or CSRF cookie without `secure=True` and (except for CSRF cookies)
    `httponly=True`.

    ## Why is this bad?
    A cookie without `Secure` is sent over plain HTTP, where anyone on the network reads the
    session; without `HttpOnly`, one XSS bug hands the session to the attacker's script
    (CWE-614, CWE-1004). Any `Host` header accepted means password-reset links and cache keys
    built from the host can point at the attacker. Without `SecurityMiddleware` no HSTS or
    HTTPS redirect is sent.

    ## Example
    ```python
    from django.http import HttpResponse


    def login_done(request, token: str) -> HttpResponse:
        response = HttpResponse("ok")
        response.set_cookie("session_token", token)
        return response
    ```

    Use instead:
    ```python
    from django.http import HttpResponse


    def login_done(request, token: str) -> HttpResponse:
        response = HttpResponse("ok")
        response.set_cookie("session_token", token, secure=True, httponly=True,
                            samesite="Lax")
        return response
    ```

    ## Options
    - `production-settings` in `[tool.backendlint.web-security]`: the Django settings modules
      production runs with.

    ## Fix safety
    No fix: a cookie that must work over plain HTTP in development needs a setting.
    """

    code = "BL707"
    name = "insecure-cookie-or-host-settings"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 614
    project_level = True
    requires_any_text = ("set_cookie", *SETTINGS_TEXT)

    def visit_Call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Attribute) or node.func.attr != "set_cookie" or \
                has_keyword_splat(node) or self.ctx.is_test_file:
            return
        name = constant_str(self.semantic, call_argument(node, 0, "key"))
        if name is None or not SENSITIVE_COOKIE.search(name):
            return
        missing = []
        flags = ("secure",) if "csrf" in name.lower() or "xsrf" in name.lower() else (
            "secure", "httponly")
        for flag in flags:
            value = keyword_argument(node, flag)
            if value is None or constant_bool(self.semantic, value) is False:
                missing.append(f"{flag}=True")
        if missing:
            self.report(node, f"the `{name}` cookie is set without {' and '.join(missing)}: "
                        "it travels over plain HTTP or is readable by scripts; pass "
                        f"{', '.join(missing)} (and `samesite=\"Lax\"`)")

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, WebSecurityOptions)
        for production in project_settings(project, options).production:
            values = production.values
            hosts = values.get(ALLOWED_HOSTS)
            if hosts is not None and hosts.setting.kind == "star":
                project.report(cls, hosts.record.path, hosts.setting.span,
                               f"`ALLOWED_HOSTS` accepts any host in {where(hosts, production)}:"
                               " links built from the Host header (password resets) can point "
                               "at an attacker; list the real host names",
                               confidence=production.confidence)
            for flag, harm in COOKIE_FLAGS.items():
                found = values.get(flag)
                if found is not None and found.setting.kind == "false":
                    project.report(cls, found.record.path, found.setting.span,
                                   f"`{flag} = False` in {where(found, production)}: {harm}; "
                                   "set it to True", confidence=production.confidence)
            middleware = values.get(MIDDLEWARE)
            if middleware is not None and middleware.setting.kind == "list" and \
                    middleware.setting.items and SECURITY_MIDDLEWARE not in \
                    middleware.setting.items:
                project.report(cls, middleware.record.path, middleware.setting.span,
                               f"`MIDDLEWARE` in {where(middleware, production)} lacks "
                               f"`{SECURITY_MIDDLEWARE}`: no HSTS, no HTTPS redirect, no "
                               "nosniff header; add it first in the list",
                               confidence=Confidence.MEDIUM)
