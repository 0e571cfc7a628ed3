"""BL604: an API key, token, signature or digest compared with `==`, `!=` or `in`
(self-contained)."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.access_control import CONFIGURATION_ROOTS
from backendlint.knowledge.words import PASSWORD_WORDS
from backendlint.practices.access_control.vocabulary import (
    mentions_non_secret,
    names_compared_secret,
)
from backendlint.semantic.analyze.dataflow import leaf_name
from backendlint.semantic.analyze.identifiers import components

_DIGEST_METHODS = frozenset({"hexdigest", "digest"})
# A MAC is a secret; a plain hashlib digest is a checksum (cache keys, ETags), not one.
_HMAC_CONSTRUCTORS = frozenset({"hmac.new", "hmac.HMAC"})


class SecretComparedInVariableTime(Rule):
    """## What it does
    Checks for an API key, token, signature, HMAC or digest compared with `==`, `!=` or `in`:
    `if request.headers["X-Api-Key"] == settings.API_KEY`, `if signature != expected`,
    `if hmac.new(key, body, sha256).hexdigest() == header`. A side counts when its name (the
    variable, attribute, key or `.get()` key) says token, key, secret, signature or digest, or
    when it is a digest computed with `hmac`/`hashlib`.

    `in` and `not in` are reported against lists, tuples and strings, which compare item by
    item; membership in a set or dict hashes first and is not reported.

    Not reported: comparisons with literals, `None` or `len(...)` (`token_type == "bearer"`),
    names that are not secrets (`page_token`, `next_token`, `token_count`), passwords (BL405
    covers them), `assert` statements and test code.

    ## Why is this bad?
    `==` returns at the first differing byte, so an attacker who can time responses learns
    the secret one character at a time. `hmac.compare_digest()` takes the same time whatever
    the inputs.

    ## Example
    ```python
    def check_webhook(signature: str, expected_signature: str) -> bool:
        return signature == expected_signature
    ```

    Use instead:
    ```python
    import hmac


    def check_webhook(signature: str, expected_signature: str) -> bool:
        return hmac.compare_digest(signature, expected_signature)
    ```

    ## Options
    - `secret-names` in `[tool.backendlint.access-control]`: further secret names.

    ## Fix safety
    There is no fix: `compare_digest` needs both sides as `str` (ASCII) or `bytes`, which only
    the project knows.
    """

    code = "BL604"
    name = "secret-compared-in-variable-time"
    severity = Severity.WARNING
    confidence = Confidence.MEDIUM
    cwe = 208
    requires_any_text = ("oken", "key", "Key", "KEY", "sig", "Sig", "SIG", "digest", "secret",
                         "SECRET", "hmac", "csrf", "otp", "nonce")

    def visit_Compare(self, node: ast.Compare) -> None:
        if self.ctx.is_test_file or any(isinstance(statement, ast.Assert)
                                        for statement in self.ctx.statement_stack[-1:]):
            return
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if not isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
                continue
            if _is_inert(self, left) or _is_inert(self, right):
                continue
            if _is_configuration(left) and _is_configuration(right):
                # Two values of the service's own configuration: no attacker input to time.
                continue
            if isinstance(op, (ast.In, ast.NotIn)) and not self._is_sequence(right):
                # Membership in a set or dict hashes first: nothing to time byte by byte.
                continue
            secret = self._secret(left) or self._secret(right)
            if secret is not None and not mentions_non_secret(
                    _identifiers(left) + _identifiers(right)):
                operator = {ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
                            ast.NotIn: "not in"}[type(op)]
                self.report(node, f"`{secret}` is compared with `{operator}`, which leaks "
                                  "timing; use `hmac.compare_digest()`")
                return

    def _is_sequence(self, expr: ast.expr) -> bool:
        """A list or tuple (compared item by item with `==`), written here or assigned to a
        name; a string (`substring in token`) also compares byte by byte."""
        if isinstance(expr, ast.Name):
            value = self.semantic.value_of(expr.id)
            expr = value if value is not None else expr
        return isinstance(expr, (ast.List, ast.Tuple, ast.ListComp, ast.JoinedStr)) or (
            isinstance(expr, ast.Constant) and isinstance(expr.value, str))

    def _secret(self, expr: ast.expr) -> Optional[str]:
        if _is_digest(self, expr):
            return self.ctx.source.segment(expr) or "a digest"
        name = leaf_name(self.semantic, expr)
        if name is None or any(word in PASSWORD_WORDS for word in components(name)):
            return None
        if names_compared_secret(name):
            return self.ctx.source.segment(expr) or name
        return None


def _root(expr: ast.expr) -> Optional[ast.expr]:
    while isinstance(expr, (ast.Attribute, ast.Subscript, ast.Call)):
        expr = expr.func if isinstance(expr, ast.Call) else expr.value
    return expr


def _is_configuration(expr: ast.expr) -> bool:
    """`settings.API_KEY`, `app.config["SECRET_KEY"]`, `self.token`, `ADMIN_TOKEN`."""
    root = _root(expr)
    if not isinstance(root, ast.Name):
        return False
    return root.id in CONFIGURATION_ROOTS or (root.id.isupper() and root is expr)


def _is_enum_member(expr: ast.expr) -> bool:
    """`PathTokens.PROJECT`, `TokenType.REFRESH`: a constant of a class."""
    return (isinstance(expr, ast.Attribute) and expr.attr.isupper()
            and isinstance(expr.value, ast.Name) and expr.value.id[:1].isupper()
            and not expr.value.id.isupper())


def _identifiers(expr: ast.expr) -> list[str]:
    return [node.id if isinstance(node, ast.Name) else node.attr for node in ast.walk(expr)
            if isinstance(node, (ast.Name, ast.Attribute))]


def _is_inert(rule: Rule, expr: ast.expr) -> bool:
    """Operands whose comparison reveals nothing: literals, None, lengths, collections of
    literals (`token_type in ("bearer", "jwt")`)."""
    if isinstance(expr, ast.Constant) or _is_enum_member(expr):
        return True
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return all(isinstance(item, ast.Constant) for item in expr.elts)
    if isinstance(expr, ast.Call):
        return rule.semantic.qualified_name(expr.func) in ("builtins.len", "builtins.bool",
                                                           "builtins.type", "builtins.int")
    return False


def _is_digest(rule: Rule, expr: ast.expr) -> bool:
    """`hmac.new(...).hexdigest()`, `hashlib.sha256(body).digest()`."""
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
            and expr.func.attr in _DIGEST_METHODS and isinstance(expr.func.value, ast.Call)):
        return False
    return rule.semantic.qualified_name(expr.func.value.func) in _HMAC_CONSTRUCTORS
