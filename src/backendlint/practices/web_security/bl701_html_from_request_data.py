"""BL701: HTML built from request data, or text marked safe that was never escaped."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.html import (
    DJANGO_RESPONSES,
    ESCAPERS,
    ESCAPING_METHODS,
    FLASK_RESPONSES,
    FORMAT_HTML,
    GENERIC_RESPONSES,
    HTML_RESPONSES,
    JINJA_ENVIRONMENTS,
    MARK_SAFE,
    TEMPLATE_FROM_STRING,
    TRUSTED_TEXT,
)
from backendlint.semantic.analyze.arguments import (
    call_argument,
    has_keyword_splat,
    keyword_argument,
)
from backendlint.semantic.analyze.attributes import called_name
from backendlint.semantic.analyze.constants import constant_bool, constant_str
from backendlint.semantic.analyze.formatted_text import (
    FormattedText,
    formatted_text,
    looks_like_html,
)
from backendlint.semantic.analyze.request_data import is_flask_route, request_source

_MAX_DEPTH = 6
# The last names of every sink above: the cheap test before a callee is resolved.
_SINK_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in (
    *HTML_RESPONSES, *GENERIC_RESPONSES, *DJANGO_RESPONSES, *FLASK_RESPONSES, *MARK_SAFE,
    *FORMAT_HTML, *TEMPLATE_FROM_STRING, *JINJA_ENVIRONMENTS))


class HtmlFromRequestData(Rule):
    """## What it does
    Checks for HTML responses built from request data without escaping (FastAPI/Starlette
    `HTMLResponse`, Django `HttpResponse`, Flask `make_response` or a view returning an HTML
    f-string), for text marked safe (`mark_safe`, `SafeString`, `Markup`) or passed to
    `format_html` after it was already formatted, for `render_template_string` of request
    data, and for a Jinja2 `Environment` that renders HTML without autoescape.

    ## Why is this bad?
    A value the client controls that lands in a page unescaped is cross-site scripting
    (CWE-79): a `<script>` in a query parameter runs in every victim's browser with their
    session. `mark_safe(f"...{x}...")` tells Django the whole string, `x` included, needs no
    escaping; `format_html(f"...")` formats before `format_html` can escape.
    `render_template_string` of request data lets the client write template code (server-side
    template injection).

    Values that went through `html.escape`, `markupsafe.escape`, `conditional_escape`,
    `format_html` (used with placeholders), `bleach.clean`, `int()` and similar, constants and
    translations are not flagged.

    ## Example
    ```python
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI()


    @app.get("/hello")
    async def hello(name: str) -> HTMLResponse:
        return HTMLResponse(f"<h1>Hello {name}</h1>")
    ```

    Use instead:
    ```python
    import html

    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI()


    @app.get("/hello")
    async def hello(name: str) -> HTMLResponse:
        return HTMLResponse(f"<h1>Hello {html.escape(name)}</h1>")
    ```

    ## Options
    None.

    ## Fix safety
    No fix: the right escaping depends on where in the page the value goes.
    """

    code = "BL701"
    name = "html-from-request-data"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 79
    requires_any_text = ("HTMLResponse", "text/html", "HttpResponse", "mark_safe",
                         "SafeString", "SafeText", "format_html", "Markup", "render_template_string",
                         "Environment", "make_response", "flask")

    def visit_Call(self, node: ast.Call) -> None:
        if called_name(node.func) not in _SINK_NAMES or self.ctx.is_test_file:
            return
        qualified = self.semantic.qualified_name(node.func)
        if qualified is None:
            return
        if qualified in HTML_RESPONSES or qualified in DJANGO_RESPONSES or \
                qualified in FLASK_RESPONSES or qualified in GENERIC_RESPONSES:
            self._response(node, qualified)
        elif qualified in MARK_SAFE:
            self._mark_safe(node, qualified)
        elif qualified in FORMAT_HTML:
            self._format_html(node)
        elif qualified in TEMPLATE_FROM_STRING:
            source = request_source(self.semantic, call_argument(node, 0, "source"))
            if source is not None:
                self.report(node, f"`render_template_string()` of request data ({source}): "
                            "the client writes template code that runs on the server; render a "
                            "fixed template and pass the value as a variable")
        elif qualified in JINJA_ENVIRONMENTS and qualified.endswith("Environment"):
            self._environment(node)

    def _response(self, node: ast.Call, qualified: str) -> None:
        short = qualified.rsplit(".", 1)[-1]
        content = call_argument(node, 0, "content")
        if qualified in GENERIC_RESPONSES:
            if constant_str(self.semantic, keyword_argument(node, "media_type")) != "text/html":
                return
        elif qualified in DJANGO_RESPONSES or qualified in FLASK_RESPONSES:
            kind = constant_str(self.semantic, keyword_argument(node, "content_type")
                                or keyword_argument(node, "mimetype"))
            if kind is not None and "html" not in kind:
                return
            if qualified in FLASK_RESPONSES and content is None:
                content = call_argument(node, 0, "response")
        source = request_source(self.semantic, content)
        if source is None:
            return
        self.report(node, f"`{short}` is built from request data ({source}) without escaping: "
                    "markup in it runs in the visitor's browser; escape it (`html.escape`, "
                    "`markupsafe.escape`) or render a template that autoescapes")

    def _resolved_text(self, expr: Optional[ast.expr], depth: int = 0
                       ) -> Optional[FormattedText]:
        if expr is None or depth > _MAX_DEPTH:
            return None
        found = formatted_text(expr)
        if found is None and isinstance(expr, ast.Name):
            return self._resolved_text(self.semantic.value_of(expr.id), depth + 1)
        if found is None and isinstance(expr, ast.Call):
            return self._translated_text(expr)
        return found

    def _translated_text(self, call: ast.Call) -> Optional[FormattedText]:
        """`_("... %(name)s ...", name=value)` (Flask-Babel formats its keywords) and
        `_("... {x} ...").format(x=value)`: a translation with values put into it."""
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(
                func.value, ast.Call) and self._is_translation(func.value):
            values = (*call.args, *(keyword.value for keyword in call.keywords))
            return FormattedText(self._literal(func.value), values) if values else None
        if self._is_translation(call) and call.keywords:
            return FormattedText(self._literal(call),
                                 tuple(keyword.value for keyword in call.keywords))
        return None

    def _is_translation(self, call: ast.Call) -> bool:
        return (isinstance(call.func, ast.Name) and call.func.id == "_") or \
            self.semantic.qualified_name(call.func) in TRUSTED_TEXT

    def _literal(self, call: ast.Call) -> str:
        return constant_str(self.semantic, call.args[0] if call.args else None) or ""

    def _unsafe_value(self, expr: ast.expr, depth: int = 0) -> bool:
        """A value that may hold markup nobody escaped."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(expr, ast.Constant):
            return False
        if isinstance(expr, ast.Call):
            qualified = self.semantic.qualified_name(expr.func)
            if qualified in ESCAPERS or qualified in TRUSTED_TEXT:
                return False
            if isinstance(expr.func, ast.Attribute) and expr.func.attr in ESCAPING_METHODS:
                return False
            if _escaping_name(called_name(expr.func)):
                return False  # the project's own `render_fully_escaped()`, `sanitize_html()`
            return not (isinstance(expr.func, ast.Name) and expr.func.id == "_")
        if isinstance(expr, ast.Name):
            value = self.semantic.value_of(expr.id)
            if value is not None:
                return self._unsafe_value(value, depth + 1)
            return True
        inner = formatted_text(expr)
        if inner is not None:
            return any(self._unsafe_value(value, depth + 1) for value in inner.values)
        return True

    def _mark_safe(self, node: ast.Call, qualified: str) -> None:
        short = qualified.rsplit(".", 1)[-1]
        argument = call_argument(node, 0, "s" if short == "mark_safe" else "object")
        source = request_source(self.semantic, argument)
        if source is not None:
            self.report(node, f"`{short}()` of request data ({source}): it is sent unescaped "
                        "and markup in it runs in the visitor's browser; use `format_html()` "
                        "or escape the value first")
            return
        text = self._resolved_text(argument)
        if text is None or not any(self._unsafe_value(value) for value in text.values):
            return
        self.report(node, f"`{short}()` of formatted text: the interpolated values are marked "
                    "safe without being escaped; build it with `format_html()` (Django) or "
                    "`Markup(...).format()` (MarkupSafe), which escape them",
                    confidence=Confidence.MEDIUM)

    def _format_html(self, node: ast.Call) -> None:
        argument = call_argument(node, 0, "format_string")
        text = self._resolved_text(argument)
        if text is None or not any(self._unsafe_value(value) for value in text.values):
            return
        self.report(node, "`format_html()` is given text that was already formatted, so it "
                    "escapes nothing; pass the values as its arguments: "
                    "`format_html(\"<b>{}</b>\", value)`")

    def _environment(self, node: ast.Call) -> None:
        if has_keyword_splat(node):
            return
        autoescape = keyword_argument(node, "autoescape")
        if autoescape is not None and constant_bool(self.semantic, autoescape) is not False:
            return
        if keyword_argument(node, "loader") is None and "html" not in self.ctx.source.text:
            return  # a string template for text (SQL, e-mail text, config files)
        self.report(node, "Jinja2 `Environment` without autoescape renders HTML templates "
                    "unescaped; pass `autoescape=select_autoescape()`",
                    confidence=Confidence.MEDIUM)

    def visit_Return(self, node: ast.Return) -> None:
        if not isinstance(node.value, (ast.JoinedStr, ast.BinOp, ast.Call, ast.Name)):
            return
        function = self.semantic.current_function()
        if function is None or not function.decorator_list or self.ctx.is_test_file or \
                not is_flask_route(self.semantic, function):
            return
        text = self._resolved_text(node.value)
        if text is None or not looks_like_html(text.literal):
            return
        source = request_source(self.semantic, node.value)
        if source is not None:
            self.report(node, f"the view returns HTML built from request data ({source}) "
                        "without escaping; use `render_template()` or `markupsafe.escape()`")


def _escaping_name(name: str) -> bool:
    lowered = name.lower()
    return "escape" in lowered or "saniti" in lowered or "bleach" in lowered
