"""Which HTTP client a call goes through: `requests` functions and sessions, httpx clients,
aiohttp sessions, whether held in a variable, an attribute, a module global or a parameter
(the semantic model resolves those), and sessions the project subclasses."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from backendlint.knowledge.http_clients import (
    AIOHTTP_METHODS,
    AIOHTTP_SESSIONS,
    HTTPX_CLIENTS,
    HTTPX_METHODS,
    REQUESTS_METHODS,
    REQUESTS_SESSIONS,
)
from backendlint.semantic.model import SemanticModel


@dataclass(frozen=True)
class ClientCall:
    """A request sent by a known client library.

    library: `requests`, `httpx` or `aiohttp`; receiver: `module` for `requests.get()` or
    the session's qualified name (`requests.Session()`, `app.http.ApiSession()`); method: the
    method called."""

    library: str
    receiver: str
    method: str


def local_session_bases(semantic: SemanticModel, qualified: str) -> Optional[str]:
    """For a class defined in this module (`<module>.ApiSession()`), the client session it
    derives from (`requests.Session()`), looking through local subclasses."""
    name = qualified.removesuffix("()")
    prefix = f"{semantic.module_name}." if semantic.module_name else ""
    if not name.startswith(prefix):
        return None
    binding = semantic.module_scope.bindings.get(name[len(prefix):])
    if not binding or not isinstance(binding[-1].node, ast.ClassDef):
        return None
    for base in binding[-1].node.bases:
        resolved = semantic.qualified_name(base)
        if resolved is None:
            continue
        instance = f"{resolved}()"
        if instance in REQUESTS_SESSIONS or instance in HTTPX_CLIENTS or \
                instance in AIOHTTP_SESSIONS:
            return instance
        deeper = local_session_bases(semantic, instance)
        if deeper is not None:
            return deeper
    return None


def client_call(semantic: SemanticModel, call: ast.Call) -> Optional[ClientCall]:
    """The client library a call sends a request with, or None."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        qualified = semantic.qualified_name(func)
        if qualified is None:
            return None
        module, _, method = qualified.rpartition(".")
        if module in ("requests", "requests.api") and method in REQUESTS_METHODS:
            return ClientCall("requests", "module", method)
        if module == "httpx" and method in HTTPX_METHODS:
            return ClientCall("httpx", "module", method)
        return None
    method = func.attr
    receiver = semantic.qualified_name(func.value)
    if receiver is None:
        return None
    if receiver in ("requests", "requests.api") and method in REQUESTS_METHODS:
        return ClientCall("requests", "module", method)
    if receiver == "httpx" and method in HTTPX_METHODS:
        return ClientCall("httpx", "module", method)
    if not receiver.endswith("()"):
        return None
    base = receiver
    if base not in REQUESTS_SESSIONS and base not in HTTPX_CLIENTS and \
            base not in AIOHTTP_SESSIONS:
        found = local_session_bases(semantic, receiver)
        if found is None:
            return None
        base = found
    if base in REQUESTS_SESSIONS and method in REQUESTS_METHODS:
        return ClientCall("requests", receiver, method)
    if base in HTTPX_CLIENTS and method in HTTPX_METHODS:
        return ClientCall("httpx", receiver, method)
    if base in AIOHTTP_SESSIONS and method in AIOHTTP_METHODS:
        return ClientCall("aiohttp", receiver, method)
    return None
