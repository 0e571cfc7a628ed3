"""BL706: a signing key written into the source."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.settings import (
    FLASK_APPS,
    JWT_ENCODERS,
    STARLETTE_SESSION_MIDDLEWARE,
)
from backendlint.practices.web_security.analysis import (
    SETTINGS_TEXT,
    is_secret_name,
    secret_names,
)
from backendlint.practices.web_security.options import WebSecurityOptions
from backendlint.practices.web_security.production import Effective, project_settings, where
from backendlint.semantic.analyze.arguments import call_argument, keyword_argument
from backendlint.semantic.analyze.attributes import called_name
from backendlint.semantic.analyze.constants import constant_str

_CALL_NAMES = frozenset({"encode", "SessionMiddleware", "add_middleware", "update",
                         "from_mapping"})
_ADVICE = "read it from the environment or a secret store"


class HardcodedSecretKey(Rule):
    """## What it does
    Checks for signing keys written as literals: Django `SECRET_KEY` in the production
    settings, Flask `SECRET_KEY` (`app.secret_key`, `app.config[...]`, `config.update(...)`,
    a config class or module the app loads), Starlette
    `SessionMiddleware(secret_key="...")`, and a literal key passed to `jwt.encode`. Keys
    read from the environment, a secret store or `get_random_secret_key()` are fine, and so
    are dev, local and test settings.

    ## Why is this bad?
    Whoever can read the repository (every developer, every CI log, every leaked backup) can
    sign session cookies, password-reset links and tokens that the application will trust:
    they can log in as any user (CWE-798). A key in the source is also never rotated.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.secret_key = "s3cr3t-k3y-do-not-share"
    ```

    Use instead:
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.secret_key = os.environ["SECRET_KEY"]
    ```

    ## Options
    - `secret-names` in `[tool.backendlint.web-security]`: more setting names that hold a
      signing key (besides `SECRET_KEY` and any name ending in `SECRET_KEY`).
    - `production-settings`: the Django settings modules production runs with.

    ## Fix safety
    No fix: the key must also be rotated, since it is in the history.
    """

    code = "BL706"
    name = "hardcoded-secret-key"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 798
    project_level = True
    requires_any_text = ("secret", "jwt", *SETTINGS_TEXT)

    def _literal(self, expr: Optional[ast.expr]) -> Optional[str]:
        text = constant_str(self.semantic, expr)
        if text is None and isinstance(expr, ast.Constant) and isinstance(expr.value, bytes):
            text = expr.value.decode("latin-1")
        return text if text else None

    def visit_Call(self, node: ast.Call) -> None:
        if called_name(node.func) not in _CALL_NAMES or self.ctx.is_test_file:
            return
        func = node.func
        qualified = self.semantic.qualified_name(func)
        if qualified in JWT_ENCODERS:
            if self._literal(call_argument(node, 1, "key")) is not None:
                self.report(node, f"`{qualified}()` signs with a key written in the source: "
                            f"anyone who reads it can mint tokens; {_ADVICE}")
            return
        if qualified in STARLETTE_SESSION_MIDDLEWARE or (
                isinstance(func, ast.Attribute) and func.attr == "add_middleware" and node.args
                and self.semantic.qualified_name(node.args[0]) in STARLETTE_SESSION_MIDDLEWARE):
            if self._literal(keyword_argument(node, "secret_key")) is not None:
                self.report(node, "`SessionMiddleware(secret_key=...)` is a literal: anyone who "
                            f"reads it can forge session cookies; {_ADVICE}")
            return
        if isinstance(func, ast.Attribute) and func.attr in ("update", "from_mapping") and \
                isinstance(func.value, ast.Attribute) and func.value.attr == "config" and \
                self.semantic.qualified_name(func.value.value) in FLASK_APPS:
            names = self._names()
            for keyword in node.keywords:
                if keyword.arg is not None and is_secret_name(keyword.arg, names) and \
                        self._literal(keyword.value) is not None:
                    self.report(keyword.value, f"`{keyword.arg}` is a literal: anyone who reads "
                                f"it can forge sessions; {_ADVICE}")

    def _names(self) -> frozenset[str]:
        assert isinstance(self.options, WebSecurityOptions)
        return secret_names(self.options)

    def visit_Assign(self, node: ast.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0], (
                ast.Attribute, ast.Subscript)) or self._literal(node.value) is None or \
                self.ctx.is_test_file:
            return
        target = node.targets[0]
        if isinstance(target, ast.Attribute) and target.attr == "secret_key":
            app = target.value
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) and \
                target.value.attr == "config" and is_secret_name(
                    constant_str(self.semantic, target.slice) or "", self._names()):
            app = target.value.value
        else:
            return
        if self.semantic.qualified_name(app) in FLASK_APPS:
            self.report(node, f"`{ast.unparse(target)}` is a literal: anyone who reads it can "
                        f"forge session cookies; {_ADVICE}")

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, WebSecurityOptions)
        names = secret_names(options)
        settings = project_settings(project, options)
        reported: set[tuple[str, int]] = set()
        for production in settings.production:
            for name, found in _new_literal_secrets(production.values, names, reported):
                project.report(cls, found.record.path, found.setting.span,
                               f"`{name}` is a literal in {where(found, production)}: anyone "
                               f"who reads the source can sign sessions and tokens; {_ADVICE}",
                               confidence=production.confidence)
        for loaded in settings.loaded:
            for name, found in _new_literal_secrets(loaded.values, names, reported):
                project.report(cls, found.record.path, found.setting.span,
                               f"`{name}` is a literal in `{loaded.cls.qualified}`, which the "
                               f"app loads with `from_object`; {_ADVICE}",
                               confidence=Confidence.MEDIUM)


def _new_literal_secrets(values: dict[str, Effective], names: frozenset[str],
                         reported: set[tuple[str, int]]) -> Iterator[tuple[str, Effective]]:
    """The secret settings among `values` given as literals, each line only once across
    calls (a class loaded with `from_object` may also be a production settings module)."""
    for name in sorted(values):
        found = values[name]
        if not is_secret_name(name, names) or found.setting.kind != "literal":
            continue
        key = (found.record.path, found.setting.span.line)
        if key not in reported:
            reported.add(key)
            yield name, found
