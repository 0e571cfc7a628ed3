"""BL704: an outgoing network call that can wait forever."""

from __future__ import annotations

import ast
import re
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.http_clients import (
    AIOHTTP_METHODS,
    AIOHTTP_SESSION_CLASSES,
    HTTPX_CLIENT_CLASSES,
    HTTPX_METHODS,
    REQUESTS_METHODS,
    TIMEOUT_KEYWORDS,
)
from backendlint.practices.web_security.options import WebSecurityOptions
from backendlint.semantic.analyze.arguments import (
    call_argument,
    has_keyword_splat,
    keyword_argument,
)
from backendlint.semantic.analyze.attributes import called_name
from backendlint.semantic.analyze.constants import constant_str
from backendlint.semantic.analyze.http_clients import client_call

# `session.request = functools.partial(session.request, timeout=10)` (any method).
_PARTIAL = re.compile(r"([\w.]+)\.(?:request|get|post|put|patch|delete|head|options|send)\s*=\s*"
                      r"(?:functools\.)?partial\(")
_ADAPTER = re.compile(r"class\s+\w+\s*\([^)]*HTTPAdapter[^)]*\)")
_SESSION_CLASS = re.compile(r"class\s+(\w+)\s*\([^)]*Session[^)]*\)")


# The last names of every call the rule checks: the cheap test before anything is resolved.
_CALL_NAMES = frozenset({
    *REQUESTS_METHODS, *HTTPX_METHODS, *AIOHTTP_METHODS,
    *(name.rsplit(".", 1)[-1] for name in (*TIMEOUT_KEYWORDS, *HTTPX_CLIENT_CLASSES,
                                           *AIOHTTP_SESSION_CLASSES)),
})


class OutgoingCallWithoutTimeout(Rule):
    """## What it does
    Checks for outgoing calls that wait without a bound: `requests` functions and `Session`
    methods without `timeout` (also sessions held in variables, attributes and module globals,
    and the project's own `Session` subclasses); `httpx` calls and clients given
    `timeout=None`; `urllib.request.urlopen` without `timeout`; `aiohttp.ClientSession()`
    without a `ClientTimeout` (its default total is 300 s); `redis.Redis` / `from_url` without
    `socket_timeout`; `smtplib.SMTP` without `timeout`; `psycopg.connect` /
    `psycopg2.connect` without `connect_timeout`.

    A session whose default timeout the project sets is recognised: a `Session` subclass whose
    `request` or `send` sets `timeout`, an `HTTPAdapter` subclass that does and is mounted, a
    method replaced by `functools.partial(..., timeout=...)`, and the classes and factories
    listed in `timeout-wrappers`.

    ## Why is this bad?
    `requests` waits forever by default. A peer that accepts the connection and never answers
    (an overloaded partner API, a half-open connection after a network change) holds the
    worker thread until the process is restarted; a handful of such calls take a whole service
    down (CWE-400). ruff's S113 checks `requests.get()`, but not the `Session` methods that most
    services use.

    ## Example
    ```python
    import requests


    class BillingClient:
        def __init__(self) -> None:
            self.session = requests.Session()

        def invoice(self, invoice_id: str) -> dict:
            return self.session.get(f"https://billing.example.com/{invoice_id}").json()
    ```

    Use instead:
    ```python
    import requests


    class BillingClient:
        def __init__(self) -> None:
            self.session = requests.Session()

        def invoice(self, invoice_id: str) -> dict:
            return self.session.get(f"https://billing.example.com/{invoice_id}",
                                    timeout=10).json()
    ```

    ## Options
    - `timeout-wrappers` in `[tool.backendlint.web-security]`: qualified names of the
      project's session classes or factories that set a default timeout.

    ## Fix safety
    No fix: the right bound depends on the peer.
    """

    code = "BL704"
    name = "outgoing-call-without-timeout"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 400
    requires_any_text = ("requests", "httpx", "urlopen", "aiohttp", "redis", "Redis", "smtplib",
                         "SMTP", "psycopg")

    def visit_Module(self, node: ast.Module) -> None:
        text = self.ctx.source.text
        self.partial_receivers = {match.group(1) for match in _PARTIAL.finditer(text)}
        self.adapter = bool(_ADAPTER.search(text)) and ".mount(" in text
        self.injecting_classes = self._injecting_classes(node)

    def _injecting_classes(self, module: ast.Module) -> set[str]:
        """Local Session subclasses whose `request`/`send` set a timeout."""
        if not _SESSION_CLASS.search(self.ctx.source.text):
            return set()
        found: set[str] = set()
        prefix = f"{self.ctx.module_name}." if self.ctx.module_name else ""
        for statement in module.body:
            if not isinstance(statement, ast.ClassDef):
                continue
            for item in statement.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in (
                        "request", "send", "__init__") and "timeout" in self.ctx.source.segment(
                        item):
                    found.add(f"{prefix}{statement.name}()")
        return found

    def visit_Call(self, node: ast.Call) -> None:
        if called_name(node.func) not in _CALL_NAMES or has_keyword_splat(node) or \
                self.ctx.is_test_file:
            return
        found = client_call(self.semantic, node)
        if found is not None:
            self._client(node, found.library, found.receiver, found.method)
            return
        qualified = self.semantic.qualified_name(node.func)
        if qualified is None:
            return
        if qualified in HTTPX_CLIENT_CLASSES:
            self._explicit_none(node, qualified)
        elif qualified in AIOHTTP_SESSION_CLASSES:
            if keyword_argument(node, "timeout") is None:
                self.report(node, "`aiohttp.ClientSession()` without `timeout=` waits up to "
                            "300 s per request by default; pass "
                            "`timeout=aiohttp.ClientTimeout(total=...)`",
                            severity=Severity.WARNING, confidence=Confidence.MEDIUM)
        elif qualified in TIMEOUT_KEYWORDS:
            self._keyword(node, qualified)

    def _injected(self, receiver: str, node: ast.Call) -> bool:
        options = self.options
        assert isinstance(options, WebSecurityOptions)
        bare = receiver.removesuffix("()")
        if bare in options.timeout_wrappers or receiver in self.injecting_classes:
            return True
        if self.adapter:
            return True
        func = node.func
        return isinstance(func, ast.Attribute) and ast.unparse(func.value) in \
            self.partial_receivers

    def _client(self, node: ast.Call, library: str, receiver: str, method: str) -> None:
        timeout = keyword_argument(node, "timeout")
        shown = f"{library}.{method}()" if receiver == "module" else \
            f"{ast.unparse(node.func)}()"
        if library == "httpx":
            self._explicit_none(node, shown)
            return
        if library != "requests" or timeout is not None:
            if library == "requests" and isinstance(timeout, ast.Constant) and \
                    timeout.value is None:
                self.report(node, f"`{shown}` with `timeout=None` waits forever for a peer "
                            "that stops answering; pass `timeout=(connect, read)` seconds")
            return
        if receiver != "module" and self._injected(receiver, node):
            return
        through = "" if receiver == "module" else f" (a `{receiver[:-2]}` session)"
        self.report(node, f"`{shown}`{through} without `timeout` waits forever for a peer "
                    "that stops answering; pass `timeout=(connect, read)` seconds")

    def _explicit_none(self, node: ast.Call, shown: str) -> None:
        timeout = keyword_argument(node, "timeout")
        if isinstance(timeout, ast.Constant) and timeout.value is None:
            self.report(node, f"`{shown}` with `timeout=None` turns httpx's 5 s default off and "
                        "waits forever; pass `timeout=httpx.Timeout(...)`")

    def _keyword(self, node: ast.Call, qualified: str) -> None:
        keyword, position = TIMEOUT_KEYWORDS[qualified]
        if call_argument(node, position, keyword) is not None:
            return
        if qualified.startswith("redis") and keyword_argument(node, "connection_pool"):
            return
        if qualified.startswith("psycopg"):
            dsn = constant_str(self.semantic, call_argument(node, 0, "dsn")) or ""
            if "connect_timeout" in dsn:
                return
        if qualified.startswith("redis"):
            url = self._first_text(node)
            if url is not None and "socket_timeout" in url:
                return
        severity = Severity.ERROR if qualified.startswith("urllib") else Severity.WARNING
        self.report(node, f"`{qualified}()` without `{keyword}` waits forever for a server that "
                    f"stops answering; pass `{keyword}=` seconds", severity=severity,
                    confidence=Confidence.MEDIUM if severity is Severity.WARNING else None)

    def _first_text(self, node: ast.Call) -> Optional[str]:
        return constant_str(self.semantic, node.args[0]) if node.args else None
