"""BL702: CORS that lets any site read responses sent with the user's cookies."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.http_clients import (
    CORS_MIDDLEWARE,
    FLASK_CORS,
    STARLETTE_MIDDLEWARE_WRAPPERS,
)
from backendlint.knowledge.settings import CORS_ALLOW_ALL, CORS_CREDENTIALS, SETTINGS_VARIABLE
from backendlint.practices.web_security.options import WebSecurityOptions
from backendlint.practices.web_security.production import project_settings, where
from backendlint.semantic.analyze.arguments import has_keyword_splat, keyword_argument
from backendlint.semantic.analyze.attributes import called_name
from backendlint.semantic.analyze.constants import constant_bool, constant_str, string_items
from backendlint.semantic.analyze.origins import attacker_origin_matching
from backendlint.semantic.analyze.request_data import is_request_object

_CALL_NAMES = frozenset({"CORSMiddleware", "Middleware", "add_middleware", "CORS",
                         "cross_origin"})


class CredentialedCorsAnyOrigin(Rule):
    """## What it does
    Checks for CORS set up to send credentials to any origin: Starlette/FastAPI
    `CORSMiddleware` with `allow_credentials=True` and `allow_origins=["*"]` or `["null"]`, or
    an `allow_origin_regex` that an attacker's origin matches (`.*`, or an unescaped
    `https://.*example.com` that `https://evilexample.com` satisfies); flask-cors
    `supports_credentials=True` with the default or `*` origins; django-cors-headers
    `CORS_ALLOW_ALL_ORIGINS = True` with `CORS_ALLOW_CREDENTIALS = True` in production
    settings; and a handler that copies the request's `Origin` header into
    `Access-Control-Allow-Origin` while allowing credentials.

    ## Why is this bad?
    With credentials allowed, the browser sends the user's cookies on a cross-site request and
    lets the calling page read the answer. If any origin is allowed, any website the user
    visits can read their data through your API (CWE-942). Starlette answers a `*` with the
    caller's own origin when the request carries cookies, so `["*"]` is not the harmless
    wildcard the CORS specification describes.

    ## Example
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
    ```

    Use instead:
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"],
                       allow_credentials=True)
    ```

    ## Options
    - `production-settings` in `[tool.backendlint.web-security]`: the Django settings modules
      production runs with, when no wsgi.py or asgi.py names one.

    ## Fix safety
    No fix: only you know which origins should be allowed.
    """

    code = "BL702"
    name = "credentialed-cors-any-origin"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 942
    project_level = True
    requires_any_text = ("CORS", "Access-Control-Allow-Origin", "cross_origin",
                         SETTINGS_VARIABLE)

    def visit_Call(self, node: ast.Call) -> None:
        if called_name(node.func) not in _CALL_NAMES or self.ctx.is_test_file:
            return
        qualified = self.semantic.qualified_name(node.func)
        if qualified in CORS_MIDDLEWARE or qualified in STARLETTE_MIDDLEWARE_WRAPPERS:
            if qualified in STARLETTE_MIDDLEWARE_WRAPPERS and (
                    not node.args
                    or self.semantic.qualified_name(node.args[0]) not in CORS_MIDDLEWARE):
                return
            self._starlette(node)
        elif qualified in FLASK_CORS:
            self._flask_cors(node)
        elif (isinstance(node.func, ast.Attribute) and node.func.attr == "add_middleware"
              and node.args and self.semantic.qualified_name(node.args[0]) in CORS_MIDDLEWARE):
            self._starlette(node)

    def _starlette(self, node: ast.Call) -> None:
        if has_keyword_splat(node):
            return
        if constant_bool(self.semantic, keyword_argument(node, "allow_credentials")) is not True:
            return
        origins = string_items(self.semantic, keyword_argument(node, "allow_origins")) or []
        wildcard = next((origin for origin in origins if origin in ("*", "null")), None)
        if wildcard is not None:
            self.report(node, f"`CORSMiddleware` allows credentials for the origin "
                        f"`{wildcard}`: Starlette then echoes any caller's origin, so every "
                        "website can read your users' responses; list the real origins")
            return
        pattern = constant_str(self.semantic, keyword_argument(node, "allow_origin_regex"))
        if pattern is not None:
            origin = attacker_origin_matching(pattern, full=True)
            if origin is not None:
                self.report(node, f"`CORSMiddleware` allows credentials for origins matching "
                            f"`{pattern}`, which `{origin}` matches: anchor the pattern and "
                            "escape its dots (`https://([a-z0-9-]+\\.)?example\\.com`)")

    def _flask_cors(self, node: ast.Call) -> None:
        if has_keyword_splat(node):
            return
        if constant_bool(self.semantic, keyword_argument(node, "supports_credentials")) \
                is not True:
            return
        origins_expr = keyword_argument(node, "origins")
        if origins_expr is None:
            resources = keyword_argument(node, "resources")
            if resources is not None:
                return  # the origins are per resource: not read here
            self.report(node, "flask-cors `supports_credentials=True` with the default "
                        "origins (`*`): every website can read your users' responses; pass "
                        "`origins=[...]` with the real origins")
            return
        origins = string_items(self.semantic, origins_expr)
        if origins is None:
            return
        for origin in origins:
            if origin in ("*", "null", ".*") or (
                    any(char in origin for char in "*+?[(") and
                    attacker_origin_matching(origin, full=False) is not None):
                self.report(node, f"flask-cors `supports_credentials=True` with the origin "
                            f"`{origin}`: websites you do not own can read your users' "
                            "responses; list the real origins")
                return

    def visit_Assign(self, node: ast.Assign) -> None:
        """`response.headers["Access-Control-Allow-Origin"] = request.headers["Origin"]`."""
        target = node.targets[0]
        if len(node.targets) != 1 or not isinstance(target, ast.Subscript) or \
                self.ctx.is_test_file:
            return
        if not (isinstance(target, ast.Subscript) and constant_str(
                self.semantic, target.slice) == "Access-Control-Allow-Origin"):
            return
        if not _echoes_origin(self, node.value):
            return
        function = self.semantic.current_function()
        if function is None or "Access-Control-Allow-Credentials" not in self.ctx.source.segment(
                function):
            return
        self.report(node, "`Access-Control-Allow-Origin` copies the request's `Origin` while "
                    "credentials are allowed: every website can read your users' responses; "
                    "compare the origin against a list first")

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, WebSecurityOptions)
        for production in project_settings(project, options).production:
            allow_all = next((production.values[name] for name in CORS_ALLOW_ALL
                              if name in production.values
                              and production.values[name].setting.kind == "true"), None)
            credentials = production.values.get(CORS_CREDENTIALS)
            if allow_all is None or credentials is None or credentials.setting.kind != "true":
                continue
            project.report(
                cls, allow_all.record.path, allow_all.setting.span,
                f"`{allow_all.setting.name} = True` with `CORS_ALLOW_CREDENTIALS = True` in "
                f"{where(allow_all, production)}: every website can read your users' "
                "responses; set `CORS_ALLOWED_ORIGINS` to the real origins",
                confidence=production.confidence)


def _echoes_origin(rule: Rule, value: Optional[ast.expr]) -> bool:
    """`request.headers["Origin"]` / `request.headers.get("origin")` / `request.META[...]`."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
            value.func.attr == "get" and value.args:
        key, base = value.args[0], value.func.value
    elif isinstance(value, ast.Subscript):
        key, base = value.slice, value.value
    else:
        return False
    text = constant_str(rule.semantic, key)
    if text is None or text.lower() not in ("origin", "http_origin"):
        return False
    return isinstance(base, ast.Attribute) and is_request_object(rule.semantic, base.value)
