"""BL603: a JWT decoded without checking its signature (self-contained)."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.access_control import JOSE_UNVERIFIED_CLAIMS, JWT_DECODERS
from backendlint.semantic.analyze.arguments import call_argument, keyword_argument
from backendlint.semantic.analyze.constants import constant_bool, string_items


class JwtDecodedWithoutVerification(Rule):
    """## What it does
    Checks for JSON Web Tokens decoded without verifying their signature: PyJWT and
    python-jose `jwt.decode(...)` with `options={"verify_signature": False}`, PyJWT 1.x
    `verify=False`, an `algorithms=` list that allows `none`, `jwt.decode(...)` with no
    `algorithms=` at all, and python-jose `jwt.get_unverified_claims(...)`.

    `jwt.get_unverified_header(...)` is not reported: reading the header to choose a key
    (`kid`) before a verified decode is the documented way to rotate keys.

    ## Why is this bad?
    A token whose signature is not checked is whatever the client wrote: anyone can set
    `"sub": "admin"` and be admin. Without `algorithms=`, PyJWT 1.x accepts the algorithm the
    token names, including `none`; PyJWT 2 refuses to decode, which turns into errors.

    ## Example
    ```python
    import jwt


    def current_user_id(token: str) -> str:
        claims = jwt.decode(token, options={"verify_signature": False})
        return claims["sub"]
    ```

    Use instead:
    ```python
    import jwt

    SECRET = "loaded-from-the-environment"


    def current_user_id(token: str) -> str:
        claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        return claims["sub"]
    ```

    ## Options
    None.

    ## Fix safety
    There is no fix: the key and the algorithm have to come from the project.
    """

    code = "BL603"
    name = "jwt-decoded-without-verification"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 347
    requires_any_text = ("jwt", "jose")

    def visit_Call(self, node: ast.Call) -> None:
        if self.ctx.is_test_file:
            return
        qualified = self.semantic.qualified_name(node.func)
        if qualified in JOSE_UNVERIFIED_CLAIMS:
            self.report(node, f"`{_short(qualified)}()` returns the claims without checking "
                              "the signature; decode with the key and `algorithms=[...]`")
            return
        if qualified not in JWT_DECODERS:
            return
        problem, confidence = self._problem(node, qualified)
        if problem is not None:
            self.report(node, f"`{_short(qualified)}()` {problem}", confidence=confidence)

    def _problem(self, node: ast.Call, qualified: str
                 ) -> tuple[Optional[str], Optional[Confidence]]:
        options = keyword_argument(node, "options")
        if isinstance(options, ast.Dict):
            for key, value in zip(options.keys, options.values):
                if (isinstance(key, ast.Constant) and key.value == "verify_signature"
                        and constant_bool(self.semantic, value) is False):
                    return ("skips the signature check (`verify_signature: False`): anyone "
                            "can forge this token; pass the key and `algorithms=[...]`"), None
        if constant_bool(self.semantic, keyword_argument(node, "verify")) is False:
            return ("is called with `verify=False`: the signature is not checked; pass the "
                    "key and `algorithms=[...]`"), None
        # PyJWT's third positional parameter is `algorithms` (`decode(t, key, ["HS256"])`).
        algorithms = call_argument(node, 2, "algorithms")
        if algorithms is None and not qualified.startswith("jose."):
            if any(keyword.arg is None for keyword in node.keywords):
                return None, None
            return ("has no `algorithms=`: PyJWT 1.x then accepts whatever algorithm the token "
                    "names (`none` included) and 2.x refuses to decode; list the one you "
                    "sign with"), Confidence.MEDIUM
        allowed = string_items(self.semantic, algorithms) or []
        if any(item.lower() == "none" for item in allowed):
            return ("allows the `none` algorithm: an unsigned token passes; list only the "
                    "algorithm you sign with"), None
        if call_argument(node, 1, "key") is None and algorithms is not None and \
                not any(keyword.arg is None for keyword in node.keywords):
            return ("is called without a key, so nothing can be verified; pass the key the "
                    "tokens are signed with"), Confidence.MEDIUM
        return None, None


def _short(qualified: str) -> str:
    parts = qualified.replace("()", "").split(".")
    return ".".join(parts[-2:])
