"""BL703: certificate verification turned off on an outgoing TLS connection."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.http_clients import (
    AIOHTTP_CONNECTORS,
    AIOHTTP_SESSION_CLASSES,
    HTTPX_CLIENT_CLASSES,
    LOOPBACK_PREFIXES,
    REQUESTS_SESSIONS,
    SSL_CERT_NONE,
    SSL_CONTEXTS,
    SSL_UNVERIFIED_CONTEXTS,
    URLLIB3_POOLS,
)
from backendlint.semantic.analyze.arguments import call_argument, keyword_argument
from backendlint.semantic.analyze.attributes import called_name
from backendlint.semantic.analyze.constants import constant_bool, constant_str, may_be_constant
from backendlint.semantic.analyze.http_clients import client_call

# A call can turn verification off only through one of these keywords, or by being one of
# the unverified-context factories: the cheap test before anything is resolved.
_TLS_KEYWORDS = frozenset({"verify", "ssl", "verify_ssl", "cert_reqs"})
_UNVERIFIED_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in SSL_UNVERIFIED_CONTEXTS)
_FIX = "keep verification on and give the CA bundle instead (`verify=\"/path/ca.pem\"`)"


class TlsVerificationDisabled(Rule):
    """## What it does
    Checks for outgoing TLS connections whose certificate is not verified: `verify=False` on
    `requests` and `httpx` calls, sessions and clients (also when the session is held in a
    variable, an attribute or a module global, and when `False` comes from a constant),
    `session.verify = False`, aiohttp `ssl=False` / `verify_ssl=False` and
    `TCPConnector(ssl=False)`, `ssl._create_unverified_context()`,
    `context.check_hostname = False`, `verify_mode = ssl.CERT_NONE`, and urllib3
    `cert_reqs="CERT_NONE"`.

    ## Why is this bad?
    Without verification anyone on the network path (a café's Wi-Fi, a compromised router, a
    cloud neighbour) can present their own certificate, read the traffic and change it:
    API keys, tokens and the responses your service trusts (CWE-295).

    Test code and requests to constant loopback URLs (`https://localhost`) are not flagged.

    ## Example
    ```python
    import requests

    session = requests.Session()


    def fetch_invoice(invoice_id: str) -> bytes:
        return session.get(f"https://billing.example.com/{invoice_id}", verify=False,
                           timeout=10).content
    ```

    Use instead:
    ```python
    import requests

    session = requests.Session()


    def fetch_invoice(invoice_id: str) -> bytes:
        return session.get(f"https://billing.example.com/{invoice_id}",
                           verify="/etc/ssl/billing-ca.pem", timeout=10).content
    ```

    ## Options
    None.

    ## Fix safety
    No fix: turning verification back on needs the right CA bundle.
    """

    code = "BL703"
    name = "tls-verification-disabled"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 295
    requires_any_text = ("verify", "ssl", "CERT_NONE", "check_hostname", "_create_unverified")

    def visit_Call(self, node: ast.Call) -> None:
        if not any(keyword.arg in _TLS_KEYWORDS for keyword in node.keywords) and \
                called_name(node.func) not in _UNVERIFIED_NAMES:
            return
        if self.ctx.is_test_file:
            return
        found = client_call(self.semantic, node)
        if found is not None:
            self._client_call(node, found.library, found.receiver, found.method)
            return
        qualified = self.semantic.qualified_name(node.func)
        if qualified is None:
            return
        if qualified in SSL_UNVERIFIED_CONTEXTS:
            self.report(node, f"`{qualified}()` makes a context that accepts any certificate; "
                        "use `ssl.create_default_context()`")
        elif f"{qualified}()" in REQUESTS_SESSIONS or qualified in HTTPX_CLIENT_CLASSES:
            self._off(node, "verify", qualified)
        elif qualified in AIOHTTP_CONNECTORS or qualified in AIOHTTP_SESSION_CLASSES:
            if not self._off(node, "ssl", qualified):
                self._off(node, "verify_ssl", qualified)
        elif qualified in URLLIB3_POOLS:
            value = keyword_argument(node, "cert_reqs")
            if value is not None and (constant_str(self.semantic, value) == "CERT_NONE" or
                                      self.semantic.qualified_name(value) in SSL_CERT_NONE):
                self.report(node, f"`{qualified}(cert_reqs=CERT_NONE)` accepts any "
                            f"certificate; {_FIX}")

    def _client_call(self, node: ast.Call, library: str, receiver: str, method: str) -> None:
        if self._loopback(call_argument(node, 1 if method == "request" else 0, "url")):
            return
        keywords = ("ssl", "verify_ssl") if library == "aiohttp" else ("verify",)
        shown = f"{library}.{method}" if receiver == "module" else ast.unparse(node.func)
        for keyword in keywords:
            if self._off(node, keyword, shown):
                return

    def _off(self, node: ast.Call, keyword: str, shown: str) -> bool:
        value = keyword_argument(node, keyword)
        if value is None:
            return False
        if constant_bool(self.semantic, value) is False:
            via = "" if isinstance(value, ast.Constant) else f" (through `{ast.unparse(value)}`)"
            self.report(node, f"`{shown}({keyword}=False)`{via} accepts any certificate, so "
                        f"anyone on the network can read and change the traffic; {_FIX}")
            return True
        if may_be_constant(self.semantic, value, False):
            self.report(node, f"`{shown}({keyword}={ast.unparse(value)})` falls back to `False` "
                        "when nothing is configured, and then accepts any certificate; fall "
                        "back to `True` (the system's CA bundle) instead",
                        confidence=Confidence.MEDIUM)
            return True
        return False

    def _loopback(self, url: Optional[ast.expr]) -> bool:
        text = constant_str(self.semantic, url)
        if text is None and isinstance(url, ast.JoinedStr) and url.values and isinstance(
                url.values[0], ast.Constant):
            text = str(url.values[0].value)
        return text is not None and text.startswith(LOOPBACK_PREFIXES)

    def _pinned(self, context: ast.expr) -> bool:
        """The context trusts only a CA the code loads itself (`load_verify_locations`):
        without the host name check it still accepts only that CA's certificates."""
        function = self.semantic.current_function()
        text = self.ctx.source.segment(function) if function is not None else ""
        return f"{ast.unparse(context)}.load_verify_locations(" in text

    def visit_Assign(self, node: ast.Assign) -> None:
        target = node.targets[0]
        if len(node.targets) != 1 or not isinstance(target, ast.Attribute) or target.attr not in (
                "verify_mode", "_create_default_https_context", "check_hostname", "verify") or \
                self.ctx.is_test_file:
            return
        attr = target.attr
        if attr == "verify_mode" and self.semantic.qualified_name(node.value) in SSL_CERT_NONE:
            self.report(node, f"`verify_mode = CERT_NONE` accepts any certificate; {_FIX}")
        elif attr == "_create_default_https_context" and self.semantic.qualified_name(
                node.value) in SSL_UNVERIFIED_CONTEXTS:
            self.report(node, "every HTTPS connection of the process stops verifying "
                        "certificates; remove this line")
        elif attr in ("check_hostname", "verify") and constant_bool(self.semantic,
                                                                     node.value) is False:
            receiver = self.semantic.qualified_name(target.value)
            if attr == "check_hostname" and receiver in SSL_CONTEXTS and not self._pinned(
                    target.value):
                self.report(node, "`check_hostname = False` accepts a valid certificate for "
                            f"any host; {_FIX}")
            elif attr == "verify" and receiver is not None and (
                    receiver in REQUESTS_SESSIONS or receiver[:-2] in HTTPX_CLIENT_CLASSES):
                self.report(node, f"`{ast.unparse(target)} = False` turns off certificate "
                            f"checks for every request of the session; {_FIX}")
