"""BL607: a token, password, one-time code or session id made with `random`
(self-contained)."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.access_control import INSECURE_RANDOM
from backendlint.practices.access_control.vocabulary import names_credential
from backendlint.semantic.analyze.dataflow import target_name

_KEEPING_BUILTINS = frozenset({"builtins.str", "builtins.hex", "builtins.int", "builtins.format",
                               "builtins.bytes", "builtins.repr"})


class CredentialFromInsecureRandom(Rule):
    """## What it does
    Checks for credentials generated with Python's `random` module: a call to
    `random.choice`, `choices`, `randint`, `randrange`, `sample`, `getrandbits`, `random` (also
    inside `"".join(...)`, `str(...)` or an f-string) whose result is assigned to a name that
    says token, password, OTP, secret, nonce, salt, PIN, session id, reset or verification
    code, or returned from a function named that way (`generate_reset_code()`).

    Not reported: `random.SystemRandom()`, `secrets` and `os.urandom`, names that are not
    credentials (`sample_size`, `jitter`), and test code.

    ## Why is this bad?
    `random` is a Mersenne Twister: after about 600 outputs an attacker can predict every
    later one, so tokens handed to other users (reset links, invitations, one-time codes)
    can be guessed.

    ## Example
    ```python
    import random
    import string


    def generate_reset_code() -> str:
        return "".join(random.choices(string.digits, k=6))
    ```

    Use instead:
    ```python
    import secrets
    import string


    def generate_reset_code() -> str:
        return "".join(secrets.choice(string.digits) for _ in range(6))
    ```

    ## Options
    - `secret-names` in `[tool.backendlint.access-control]`: further credential names.

    ## Fix safety
    There is no fix: `secrets` has no `choices(k=...)`, so the expression changes shape.
    """

    code = "BL607"
    name = "credential-from-insecure-random"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 338
    requires_any_text = ("random",)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            name = target_name(target)
            if name is not None and names_credential(name):
                self._check(node.value, name)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        name = target_name(node.target)
        if node.value is not None and name is not None and names_credential(name):
            self._check(node.value, name)

    def visit_Return(self, node: ast.Return) -> None:
        function = self.semantic.current_function()
        if node.value is not None and function is not None and names_credential(function.name):
            self._check(node.value, f"{function.name}()")

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg is not None and names_credential(node.arg):
            self._check(node.value, node.arg)

    def _check(self, value: ast.expr, name: str) -> None:
        if self.ctx.is_test_file:
            return
        call = self._random_call(value, 0)
        if call is not None:
            qualified = self.semantic.qualified_name(call.func) or "random"
            self.report(call, f"`{name}` is made with `{qualified.replace('()', '')}()`, "
                              "which is predictable; use `secrets` (`token_urlsafe()`, "
                              "`choice()`, `randbelow()`)")

    @staticmethod
    def _keeps_value(call: ast.Call, qualified: Optional[str]) -> bool:
        """Conversions and joins that pass their argument's predictability on: `str()`,
        `hex()`, `"".join(...)`, `"{}".format(...)`, `"%06d" % ...`."""
        if qualified in _KEEPING_BUILTINS:
            return True
        return isinstance(call.func, ast.Attribute) and call.func.attr in ("join", "format")

    def _random_call(self, value: ast.expr, depth: int) -> Optional[ast.Call]:
        """The `random` call a value is built from: directly, joined, formatted, converted,
        or through a local name."""
        if depth > 4:
            return None
        if isinstance(value, ast.Call):
            qualified = self.semantic.qualified_name(value.func)
            if qualified in INSECURE_RANDOM:
                return value
            if not self._keeps_value(value, qualified):
                # `HOTP(secret).at(counter)`: the result's secrecy is not the argument's.
                return None
            for argument in value.args:
                found = self._random_call(argument, depth + 1)
                if found is not None:
                    return found
            return None
        if isinstance(value, (ast.GeneratorExp, ast.ListComp)):
            return self._random_call(value.elt, depth + 1)
        if isinstance(value, ast.JoinedStr):
            for part in value.values:
                if isinstance(part, ast.FormattedValue):
                    found = self._random_call(part.value, depth + 1)
                    if found is not None:
                        return found
            return None
        if isinstance(value, ast.BinOp):
            return (self._random_call(value.left, depth + 1)
                    or self._random_call(value.right, depth + 1))
        if isinstance(value, ast.Name):
            bound = self.semantic.value_of(value.id)
            return self._random_call(bound, depth + 1) if bound is not None else None
        return None
