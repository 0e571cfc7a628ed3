"""BL705: debug mode switched on where production runs."""

from __future__ import annotations

import ast

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.settings import DEBUG, FASTAPI_APPS, FLASK_APPS
from backendlint.practices.web_security.analysis import SETTINGS_TEXT
from backendlint.practices.web_security.options import WebSecurityOptions
from backendlint.practices.web_security.production import project_settings, where
from backendlint.semantic.analyze.arguments import keyword_argument
from backendlint.semantic.analyze.constants import constant_bool, constant_str


class DebugModeInProduction(Rule):
    """## What it does
    Checks for debug mode in production: `DEBUG = True` as a literal in the production Django
    settings (the module `DJANGO_SETTINGS_MODULE` names in wsgi.py/asgi.py, or the one
    configured; dev, local and test settings are not production), Flask `app.run(debug=True)`,
    `app.debug = True` and `app.config["DEBUG"] = True`, a Flask config class with
    `DEBUG = True` that the app loads with `from_object`, and `FastAPI(debug=True)`.

    ## Why is this bad?
    Debug pages show source code, settings and local variables to whoever triggers an error;
    Werkzeug's debugger runs Python typed into the browser (CWE-489). Django with `DEBUG = True`
    also keeps every query in memory and serves tracebacks with the settings in them.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)
    app.config["DEBUG"] = True
    ```

    Use instead:
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"
    ```

    ## Options
    - `production-settings` in `[tool.backendlint.web-security]`: the Django settings modules
      production runs with, when wsgi.py and asgi.py do not say it.

    ## Fix safety
    No fix: read the switch from the environment.
    """

    code = "BL705"
    name = "debug-mode-in-production"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 489
    project_level = True
    requires_any_text = ("debug", *SETTINGS_TEXT)

    def visit_Call(self, node: ast.Call) -> None:
        if not node.keywords or keyword_argument(node, "debug") is None or \
                self.ctx.is_test_file:
            return
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "run":
            if constant_bool(self.semantic, keyword_argument(node, "debug")) is True and \
                    self.semantic.qualified_name(func.value) in FLASK_APPS:
                self.report(node, "`app.run(debug=True)` starts Werkzeug's debugger, which "
                            "runs any Python sent to it; read the switch from the environment")
            return
        if self.semantic.qualified_name(func) in FASTAPI_APPS and constant_bool(
                self.semantic, keyword_argument(node, "debug")) is True:
            self.report(node, "`debug=True` sends tracebacks to clients on every error; read "
                        "the switch from the environment")

    def visit_Assign(self, node: ast.Assign) -> None:
        if not isinstance(node.value, ast.Constant) or node.value.value is not True or \
                len(node.targets) != 1 or self.ctx.is_test_file:
            return
        target = node.targets[0]
        if isinstance(target, ast.Attribute) and target.attr == "debug":
            app = target.value
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) and \
                target.value.attr == "config" and constant_str(self.semantic,
                                                               target.slice) == DEBUG:
            app = target.value.value
        else:
            return
        if self.semantic.qualified_name(app) in FLASK_APPS:
            self.report(node, f"`{ast.unparse(target)} = True` turns on Flask's debug mode "
                        "(tracebacks and Werkzeug's debugger); read it from the environment")

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, WebSecurityOptions)
        settings = project_settings(project, options)
        for production in settings.production:
            found = production.values.get(DEBUG)
            if found is not None and found.setting.kind == "true":
                project.report(cls, found.record.path, found.setting.span,
                               f"`DEBUG = True` in {where(found, production)}: error pages "
                               "show settings and source to anyone; read it from the "
                               "environment (`DEBUG = env.bool(\"DEBUG\", False)`)",
                               confidence=production.confidence)
        for record, facts in settings.modules:
            for run in facts.debug_runs:
                callee = run.receiver[:-2]
                made = [name for name in project.index.returns(callee) if name in FLASK_APPS]
                bases = [name for name in project.index.mro(callee) if f"{name}()" in FLASK_APPS]
                if made or bases:
                    how = f"`{callee}()` returns a Flask app" if made else \
                        f"`{callee}` is a Flask app class"
                    project.report(cls, record.path, run.span,
                                   f"`.run(debug=True)` ({how}) starts Werkzeug's debugger, "
                                   "which runs any Python sent to it; read the switch from the "
                                   "environment")
        reported: set[tuple[str, int]] = set()
        for loaded in settings.loaded:
            found = loaded.values.get(DEBUG)
            if found is not None and found.setting.kind == "true" and (
                    found.record.path, found.setting.span.line) not in reported:
                reported.add((found.record.path, found.setting.span.line))
                project.report(cls, found.record.path, found.setting.span,
                               f"`DEBUG = True` in the config `{loaded.cls.qualified}` "
                               "that the app loads with `from_object`; read it from the "
                               "environment", confidence=Confidence.MEDIUM)
