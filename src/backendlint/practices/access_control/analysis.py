"""The per-file half of access control: one pass that fills the module's
`AccessControlFacts` for the project rules (BL601, BL602, BL605) to join."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import FileAnalysis, Rule
from backendlint.knowledge.access_control import (
    CSRF_EXEMPT,
    CSRF_MIDDLEWARE,
    DRF_SESSION_AUTHENTICATION,
    SESSION_MIDDLEWARE,
    SIGNATURE_CHECK_WORDS,
)
from backendlint.knowledge.auth import SECURITY_SCHEMES, UNAUTHORISED_STATUSES
from backendlint.practices.access_control.facts import (
    AccessControlFacts,
    CsrfExempt,
    CsrfSetting,
)
from backendlint.practices.access_control.vocabulary import names_compared_secret
from backendlint.semantic.analyze.annotations import annotation_metadata
from backendlint.semantic.analyze.arguments import (
    FunctionNode,
    call_argument,
    every_parameter_with_default,
)
from backendlint.semantic.analyze.constants import constant_bool, constant_int, string_items
from backendlint.semantic.analyze.subtrees import nodes_of_types
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.endpoints.collect import EndpointReader, SharedEndpoints

RELEVANT_TEXT: tuple[str, ...] = (
    "fastapi", "starlette", "flask", "Flask", "django", "rest_framework", "REST_FRAMEWORK",
    "APIRouter", "Blueprint", "include_router", "register_blueprint", "add_url_rule",
    "as_view", "urlpatterns", "MIDDLEWARE", "INSTALLED_APPS", "csrf", "CSRF",
)


# What `_checks_credentials` reads of a function's subtree.
_CREDENTIAL_CHECK_NODES: tuple[type[ast.AST], ...] = (ast.Call, ast.Attribute, ast.Raise,
                                                      ast.Return)
CREDENTIAL_CHECK_TEXT: tuple[str, ...] = (
    "401", "403", "UNAUTHORIZED", "FORBIDDEN", "Unauthorized", "Forbidden", "PermissionDenied",
    "NotAuthenticated", "AuthenticationFailed", "is_authenticated", "fastapi.security",
    "OAuth2", "HTTPBearer", "APIKey",
)


class AccessControlAnalysis(FileAnalysis):
    """Collects one module's access-control facts; the project rules report from them."""

    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        super().__init__(ctx, options, enabled)
        self.active = any(needle in ctx.source.text for needle in RELEVANT_TEXT)
        # Reading a function body for credential checks is only worth it in files that
        # mention a refusal or a security scheme at all.
        self.reads_checks = self.active and any(needle in ctx.source.text
                                                for needle in CREDENTIAL_CHECK_TEXT)
        # The endpoint model, fed once per file for every practice that reads it; only
        # asked for (and so only computed for this practice) in a file that can hold any.
        self.endpoints: Optional[EndpointReader] = (
            SharedEndpoints.of(ctx).reader() if self.active else None)
        self.facts = AccessControlFacts()

    # ------------------------------------------------------------------ traversal
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if self.active:
            self._session_authentication(node)

    def visit_Call(self, node: ast.Call) -> None:
        if self.active:
            self._csrf_exempt_call(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.active:
            self._setting(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if self.active:
            self._setting([node.target], node.value)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        """`app.config["WTF_CSRF_ENABLED"] = False` is read in `_setting` through Assign."""

    def finish(self) -> None:
        if self.endpoints is not None:
            self.facts.endpoint_parameters = self.endpoints.added_parameters
            self.endpoints.store()
            self.ctx.set_facts(self.facts)

    # ------------------------------------------------------------------ functions
    def _function(self, node: FunctionNode) -> None:
        if self.endpoints is None:
            return
        qualified = self.endpoints.function_prefix()
        name = f"{qualified}.{node.name}" if qualified else node.name
        full = f"{self.ctx.module_name}.{name}" if self.ctx.module_name else name
        targets = self._dependency_targets(node)
        if targets:
            self.facts.depends_on[full] = targets
        if self._takes_optional_credential(node):
            self.facts.optional_credentials.append(full)
        if self.reads_checks and self._checks_credentials(node):
            self.facts.auth_functions.append(full)
            for decorator in node.decorator_list:
                owner = _guard_owner(decorator)
                identity = self.endpoints.object_id(owner) if owner is not None else None
                if identity:
                    self.facts.guarded.append(identity)
        for decorator in node.decorator_list:
            if self.semantic.qualified_name(decorator) in CSRF_EXEMPT:
                self.facts.csrf_exempt.append(CsrfExempt(
                    full, self.ctx.span(decorator), self._checks_signature(node)))

    def _dependency_calls(self, node: FunctionNode) -> list[ast.Call]:
        """`Depends(x)` / `Security(x)` as parameter defaults or in `Annotated[...]`."""
        candidates: list[ast.expr] = [
            *(item for item in (*node.args.defaults, *node.args.kw_defaults) if item),
            *(meta for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
              if arg.annotation is not None for meta in annotation_metadata(arg.annotation)),
        ]
        return [item for item in candidates
                if isinstance(item, ast.Call) and item.args
                and (self.semantic.qualified_name(item.func) or "").endswith(
                    ("Depends", "Security"))]

    def _dependency_targets(self, node: FunctionNode) -> list[str]:
        targets = (self.semantic.qualified_name(call.args[0])
                   for call in self._dependency_calls(node))
        return [target for target in targets if target]

    def _takes_optional_credential(self, node: FunctionNode) -> bool:
        """A parameter named for a key or token whose default is None (`Header(None)`)."""
        for arg, default in every_parameter_with_default(node):
            if default is None or not names_compared_secret(arg.arg) and \
                    "authorization" not in arg.arg.lower():
                continue
            inner = default.args[0] if isinstance(default, ast.Call) and default.args else \
                default
            if isinstance(inner, ast.Constant) and inner.value is None:
                return True
        return False

    def _checks_credentials(self, node: FunctionNode) -> bool:
        """Raises or aborts with 401/403, redirects anonymous users to a login page, or takes
        a security scheme (`OAuth2PasswordBearer`, `HTTPBearer`, `APIKeyHeader`) as a
        dependency."""
        for scheme in self._dependency_targets(node):
            if scheme.startswith(SECURITY_SCHEMES):
                return True
        checks_user = exits = False
        # In `ast.walk`'s order, the first rejecting call ends the reading.
        for statement in nodes_of_types(node, _CREDENTIAL_CHECK_NODES):
            if isinstance(statement, ast.Call) and self._rejects(statement):
                return True
            checks_user |= (isinstance(statement, ast.Attribute)
                            and statement.attr == "is_authenticated")
            exits |= isinstance(statement, (ast.Raise, ast.Return))
        return checks_user and exits

    def _rejects(self, call: ast.Call) -> bool:
        """`HTTPException(status_code=401)`, `abort(403)`, `PermissionDenied()`."""
        qualified = self.semantic.qualified_name(call.func) or ""
        short = qualified.rsplit(".", 1)[-1]
        if short in ("PermissionDenied", "NotAuthenticated", "AuthenticationFailed",
                     "Unauthorized", "Forbidden"):
            return True
        if short not in ("HTTPException", "abort", "HTTPError"):
            return False
        status = call_argument(call, 0, "status_code")
        value = constant_int(self.semantic, status)
        if value is None and isinstance(status, ast.Attribute):
            return any(word in status.attr for word in ("401", "403", "UNAUTHORIZED",
                                                        "FORBIDDEN"))
        return value in UNAUTHORISED_STATUSES

    def _checks_signature(self, node: FunctionNode) -> bool:
        text = self.ctx.source.segment(node) or ""
        return any(word in text for word in SIGNATURE_CHECK_WORDS)

    def _csrf_exempt_call(self, node: ast.Call) -> None:
        """`path("hook/", csrf_exempt(views.hook))` in a URL pattern."""
        if self.semantic.qualified_name(node.func) in CSRF_EXEMPT and node.args:
            view = self.semantic.qualified_name(node.args[0]) or "?"
            self.facts.csrf_exempt.append(CsrfExempt(view, self.ctx.span(node)))

    # ------------------------------------------------------------------ settings
    def _setting(self, targets: list[ast.expr], value: Optional[ast.expr]) -> None:
        if value is None or self.semantic.scope.kind != "module":
            return
        for target in targets:
            name = _setting_name(target)
            if name == "MIDDLEWARE":
                self._middleware(value, target)
            elif name == "WTF_CSRF_ENABLED" and constant_bool(self.semantic, value) is False:
                if not is_test_path(self.ctx.path):
                    self.facts.csrf_settings.append(
                        CsrfSetting("`WTF_CSRF_ENABLED = False`", self.ctx.span(target)))
            elif name == "REST_FRAMEWORK" and isinstance(value, ast.Dict):
                self._rest_framework(value)

    def _middleware(self, value: ast.expr, target: ast.expr) -> None:
        entries = string_items(self.semantic, value)
        if entries is None:
            return
        if SESSION_MIDDLEWARE in entries:
            self.facts.session_middleware = True
            if CSRF_MIDDLEWARE not in entries:
                self.facts.csrf_settings.append(CsrfSetting(
                    "`MIDDLEWARE` has SessionMiddleware but not CsrfViewMiddleware",
                    self.ctx.span(target)))

    def _rest_framework(self, value: ast.Dict) -> None:
        self.facts.rest_framework_settings = True
        for key, item in zip(value.keys, value.values):
            if not isinstance(key, ast.Constant):
                continue
            if key.value == "DEFAULT_PERMISSION_CLASSES":
                self.facts.default_permissions = string_items(self.semantic, item) or []
            elif key.value == "DEFAULT_AUTHENTICATION_CLASSES":
                self.facts.default_authentication = string_items(self.semantic, item) or []

    def _session_authentication(self, node: ast.ClassDef) -> None:
        """`class CsrfExemptSessionAuthentication(SessionAuthentication): def enforce_csrf(
        self, request): return`: session cookies without CSRF."""
        bases = {self.semantic.qualified_name(base) for base in node.bases}
        if DRF_SESSION_AUTHENTICATION not in bases:
            return
        for item in node.body:
            if (isinstance(item, ast.FunctionDef) and item.name == "enforce_csrf"
                    and _does_nothing(item)):
                self.facts.csrf_settings.append(CsrfSetting(
                    f"`{node.name}.enforce_csrf()` does nothing", self.ctx.span(item)))


def _guard_owner(decorator: ast.expr) -> Optional[ast.expr]:
    """The blueprint or app of `@bp.before_request` / `@bp.before_app_request`."""
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    if isinstance(decorator, ast.Attribute) and decorator.attr in ("before_request",
                                                                   "before_app_request"):
        return decorator.value
    return None


def _setting_name(target: ast.expr) -> Optional[str]:
    """`NAME = ...` or `app.config["NAME"] = ...`."""
    if isinstance(target, ast.Name):
        return target.id
    if (isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant)
            and isinstance(target.slice.value, str) and isinstance(target.value, ast.Attribute)
            and target.value.attr == "config"):
        return target.slice.value
    return None


def _does_nothing(function: ast.FunctionDef) -> bool:
    body = [item for item in function.body
            if not (isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant))]
    return all(isinstance(item, ast.Pass) or (isinstance(item, ast.Return) and
                                              (item.value is None or isinstance(
                                                  item.value, ast.Constant)))
               for item in body)
