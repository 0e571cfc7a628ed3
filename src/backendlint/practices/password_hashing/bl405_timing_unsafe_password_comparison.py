"""BL405: a stored password or hash compared with `==` (self-contained)."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.knowledge.hashing import KDF_DATA_ARGUMENT
from backendlint.knowledge.words import PASSWORD_TEXT_NEEDLES
from backendlint.practices.password_hashing.hash_apis import digest_core, fast_hash_call
from backendlint.practices.password_hashing.reading import PasswordRule
from backendlint.practices.password_hashing.vocabulary import is_hash_name
from backendlint.semantic.analyze.arguments import call_argument
from backendlint.semantic.analyze.dataflow import data_leaves, leaf_name, value_holder


class TimingUnsafePasswordComparison(PasswordRule):
    """## What it does
    Checks for a stored password or password hash compared with `==` or `!=`:
    `user.password == password`, `row["password_hash"] != sha256(raw)`,
    `account.pin == pin`. A side counts as stored when it is a password-like attribute, key or
    `.get()` of a user-like object (`user`, `account`, `request.user`, `row`, `record`, `self`
    in a model class) or a local name that holds such a value or is named like a hash
    (`hashed_password`). A hash or key derived from the password in the same function
    (`hashlib.sha256(password).hexdigest() == hashed`, `salt + pbkdf2_hmac(..., password,
    ...)` kept in a local and compared with the stored value) counts too.

    Not reported: comparisons with `None`, literals (`""`, `"!"`) or `len(...)`, `assert`
    statements and test code, and comparisons of two inputs where neither is stored
    (`password == confirm_password` in a registration form, or
    `user_in.password != user_in.password_confirm` on a request schema, is validation, not a
    check against a secret).

    ## Why is this bad?
    `==` stops at the first differing character, so response times reveal how much of the
    secret matched. A plain comparison also usually means the password is stored in plaintext
    or with a fast hash.

    ## Example
    ```python
    def authenticate(user, password: str) -> bool:
        return user.password == password
    ```

    Use instead:
    ```python
    from werkzeug.security import check_password_hash


    def authenticate(user, password: str) -> bool:
        return check_password_hash(user.password_hash, password)
    ```

    ## Options
    - `password-names` in `[tool.backendlint.password-hashing]`: extra name patterns.

    ## Fix safety
    There is no fix: the right replacement is the hasher's own `verify`.
    """

    code = "BL405"
    name = "timing-unsafe-password-comparison"
    severity = Severity.ERROR
    confidence = Confidence.MEDIUM
    cwe = 208
    requires_any_text = PASSWORD_TEXT_NEEDLES

    def visit_Compare(self, node: ast.Compare) -> None:
        if self.in_test_code() or isinstance(self.statement(), ast.Assert):
            return
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if not isinstance(op, (ast.Eq, ast.NotEq)):
                continue
            if self._is_inert(left) or self._is_inert(right):
                continue
            stored = (self.stored_secret(left) or self.stored_secret(right)
                      or self.password_digest(left) or self.password_digest(right))
            if stored is not None:
                operator = "==" if isinstance(op, ast.Eq) else "!="
                self.report(node, f"`{stored}` is compared with `{operator}`, which leaks "
                                  f"timing; use `hmac.compare_digest()` or the password "
                                  f"hasher's `verify()`/`check_password()`")
                return

    def _is_inert(self, expr: ast.expr) -> bool:
        """Operands a timing attack cannot exploit: literals, None and lengths."""
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, ast.Call):
            return self.model.qualified_name(expr.func) in ("builtins.len", "builtins.bool")
        return False

    def password_digest(self, expr: ast.expr) -> Optional[str]:
        """The source text of a hash or key derived from a password right here
        (`hashlib.sha256(password).hexdigest()`, `salt + pbkdf2_hmac(..., password, ...)`,
        also through local variables): comparing it with `==` against the stored value is
        the same timing leak as comparing stored hashes."""
        for leaf in data_leaves(self.model, expr):
            core = digest_core(self.model, leaf)
            if not isinstance(core, ast.Call):
                continue
            hashed = fast_hash_call(self.model, core)
            if hashed is not None:
                data = hashed.data
            else:
                index = KDF_DATA_ARGUMENT.get(self.model.qualified_name(core.func) or "")
                argument = call_argument(core, index, "password") if index is not None \
                    else None
                data = [argument] if argument is not None else []
            inputs = [inner for item in data for inner in data_leaves(self.model, item)]
            if inputs and self.password_leaf(inputs) is not None:
                return self.ctx.source.segment(expr) or self.ctx.source.segment(core)
        return None

    def stored_secret(self, expr: ast.expr, depth: int = 0) -> Optional[str]:
        """The source text of a stored password or hash, or None."""
        if depth > 3:
            return None
        if isinstance(expr, ast.Name):
            if self.password_name(expr.id) and is_hash_name(expr.id):
                return expr.id
            value = self.model.value_of(expr.id)
            return self.stored_secret(value, depth + 1) if value is not None else None
        holder = value_holder(expr)
        key = leaf_name(self.model, expr) if holder is not None else None
        if holder is None or not self.password_name(key):
            return None
        if self.is_stored_holder(holder):
            return self.ctx.source.segment(expr) or key
        return None
