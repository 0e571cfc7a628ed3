"""BL404: a password hasher configured to store new passwords with a weak scheme
(self-contained)."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.knowledge.hashing import (
    WEAK_DJANGO_HASHERS,
    WEAK_FLASK_SECURITY,
    WEAK_PASSLIB_APP_CONTEXTS,
    WEAK_PASSLIB_SCHEMES,
    WERKZEUG_HASH,
    WERKZEUG_KDFS,
)
from backendlint.practices.password_hashing.hash_apis import werkzeug_method
from backendlint.practices.password_hashing.reading import PasswordRule
from backendlint.semantic.analyze.arguments import call_argument
from backendlint.semantic.analyze.constants import constant_str, string_items
from backendlint.semantic.analyze.dataflow import target_name


class WeakPasswordHasherConfiguration(PasswordRule):
    """## What it does
    Checks for password-hasher configuration that stores new passwords with a weak scheme:

    - passlib `CryptContext(schemes=[...])` whose default (`default=` or the first scheme) is
      `md5_crypt`, `des_crypt`, `bsdi_crypt`, `sha1_crypt`, `ldap_md5`, `ldap_sha1`, `hex_*`,
      `plaintext`, `mysql41`, `postgres_md5`, ..., and direct use of such a scheme
      (`passlib.hash.md5_crypt.hash(...)`);
    - Django `PASSWORD_HASHERS` whose first entry is `MD5PasswordHasher`,
      `UnsaltedMD5PasswordHasher`, `UnsaltedSHA1PasswordHasher`, `SHA1PasswordHasher` or
      `CryptPasswordHasher`;
    - werkzeug `generate_password_hash(method=...)` with a method that is not `pbkdf2` or
      `scrypt` (`"md5"`, `"sha1"`, `"plain"`, `"sha256"`: one salted round);
    - Flask-Security `SECURITY_PASSWORD_HASH` set to a weak scheme (a config assignment,
      `app.config[...] = ...` or `app.config.update(...)`);
    - the `crypt` module (DES or MD5 crypt on most platforms; removed in Python 3.13).

    A weak scheme later in the list, kept to verify old hashes, must be deprecated
    (`deprecated="auto"` or listed in `deprecated`), or those hashes are accepted forever and
    never replaced at login. `CryptContext.from_string(...)` configuration, `.update(schemes=
    ...)`, passlib's weak presets (`passlib.apps.phpass_context`, `phpbb3_context`,
    `mysql_context`, `postgres_context`, `ldap_context`, ...) and `phpass` count too. Test
    code (paths with a `test`/`tests`/`conftest` component, classes like `TestingConfig`) is
    skipped: Django recommends MD5 to speed up tests.

    ## Why is this bad?
    The default scheme hashes every new and changed password; a fast or unsalted scheme makes
    the stored hashes easy to crack.

    ## Example
    ```python
    from passlib.context import CryptContext

    pwd_context = CryptContext(schemes=["md5_crypt", "bcrypt"])
    ```

    Use instead:
    ```python
    from passlib.context import CryptContext

    pwd_context = CryptContext(schemes=["bcrypt", "md5_crypt"], deprecated="auto")
    ```

    ## Options
    None; the cost of the strong schemes is checked by BL403 and its options.

    ## Fix safety
    There is no fix: the order of schemes is a migration decision.
    """

    code = "BL404"
    name = "weak-password-hasher-configuration"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 916
    requires_any_text = ("passlib", "PASSWORD_HASHERS", "generate_password_hash",
                         "SECURITY_PASSWORD_HASH", "crypt")

    def visit_Import(self, node: ast.Import) -> None:
        if any(alias.name == "crypt" for alias in node.names):
            self._report_crypt(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and node.module == "crypt":
            self._report_crypt(node)

    def _report_crypt(self, node: ast.stmt) -> None:
        if not self.in_test_code():
            self.report(node, "the `crypt` module hashes with the platform's crypt(3) (DES or "
                              "MD5 by default) and is gone in Python 3.13; use argon2-cffi, "
                              "bcrypt or `hashlib.scrypt`")

    def visit_Call(self, node: ast.Call) -> None:
        if self.in_test_code():
            return
        qualified = self.model.qualified_name(node.func) or ""
        problem: Optional[str] = None
        if qualified in ("passlib.context.CryptContext", "passlib.context.CryptContext().update"):
            problem = self._crypt_context(node)
        elif qualified == "passlib.context.CryptContext.from_string":
            problem = self._crypt_context_text(node)
        elif qualified.rpartition(".")[0] in WEAK_PASSLIB_APP_CONTEXTS:
            context, _, method = qualified.rpartition(".")
            if method in ("hash", "encrypt", "genconfig"):
                scheme = WEAK_PASSLIB_APP_CONTEXTS[context]
                problem = (f"passlib's preset `{context.rsplit('.', 1)[-1]}` hashes new passwords "
                           f"with the weak scheme `{scheme}`; use a `CryptContext` with "
                           f"`argon2` or `bcrypt` first")
        elif qualified.startswith("passlib.hash."):
            scheme, _, method = qualified[len("passlib.hash."):].partition(".")
            if scheme in WEAK_PASSLIB_SCHEMES and method in ("hash", "encrypt", "using",
                                                               "genhash"):
                problem = (f"passlib `{scheme}` is a weak password scheme; hash with "
                           f"`argon2`, `bcrypt` or `pbkdf2_sha256`")
        elif qualified in WERKZEUG_HASH:
            hash_method = werkzeug_method(self.model, node)
            if hash_method is not None and hash_method.split(":")[0] not in WERKZEUG_KDFS:
                problem = (f"`generate_password_hash(method={hash_method!r})` stores one fast "
                           f"hash round; use werkzeug's default (`scrypt`) or `pbkdf2`")
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("update",
                                                                         "from_mapping"):
            problem = self._flask_security_keywords(node)
        if problem is not None:
            self.report(node, problem)

    def _crypt_context(self, node: ast.Call) -> Optional[str]:
        updating = isinstance(node.func, ast.Attribute) and node.func.attr == "update"
        schemes = string_items(self.model, call_argument(node, None if updating else 0,
                                                         "schemes"))
        default = constant_str(self.model, call_argument(node, None, "default"))
        deprecated = string_items(self.model, call_argument(node, None, "deprecated"))
        return self._judge_schemes(schemes, default, deprecated)

    def _crypt_context_text(self, node: ast.Call) -> Optional[str]:
        """`CryptContext.from_string("[passlib]\\nschemes = md5_crypt, bcrypt\\n...")`."""
        text = constant_str(self.model, call_argument(node, 0, "source"))
        if text is None:
            return None
        settings: dict[str, list[str]] = {}
        for line in text.splitlines():
            key, equals, value = line.partition("=")
            if equals:
                settings[key.strip()] = [item.strip() for item in value.split(",")
                                         if item.strip()]
        default = settings.get("default", [None])[0]
        return self._judge_schemes(settings.get("schemes"), default,
                                   settings.get("deprecated"))

    def _judge_schemes(self, schemes: Optional[list[str]], default: Optional[str],
                       deprecated: Optional[list[str]]) -> Optional[str]:
        if default is None and schemes:
            default = schemes[0]
        if default is not None and default not in WEAK_PASSLIB_SCHEMES:
            # A weak scheme kept to verify old hashes must be deprecated, or the context
            # accepts those hashes forever and never rehashes them at login.
            retired = set(deprecated or ())
            kept = [scheme for scheme in schemes or () if scheme in WEAK_PASSLIB_SCHEMES
                    and scheme not in retired and "auto" not in retired]
            if kept:
                return (f"`CryptContext` accepts `{kept[0]}` hashes without deprecating "
                        f"them, so they are never replaced at login; pass "
                        f"`deprecated=\"auto\"` (or list `{kept[0]}` in `deprecated`)")
            return None
        if default is None:
            return None
        return (f"`CryptContext` hashes new passwords with the weak scheme `{default}`; put "
                f"`argon2` or `bcrypt` first (keep `{default}` later, deprecated, to verify "
                f"old hashes)")

    def _flask_security_keywords(self, node: ast.Call) -> Optional[str]:
        for item in node.keywords:
            if item.arg == "SECURITY_PASSWORD_HASH":
                return self._flask_security_value(item.value)
        return None

    def _flask_security_value(self, value: ast.expr) -> Optional[str]:
        scheme = constant_str(self.model, value)
        if scheme is None or scheme not in WEAK_FLASK_SECURITY:
            return None
        return (f"`SECURITY_PASSWORD_HASH = {scheme!r}` makes Flask-Security store weak "
                f"hashes; use `argon2` or `bcrypt`")

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.in_test_code():
            return
        for target in node.targets:
            name = target_name(target)
            if name == "PASSWORD_HASHERS" and self.model.scope.kind in ("module", "class"):
                self._django_hashers(node.value)
            elif name == "SECURITY_PASSWORD_HASH":
                problem = self._flask_security_value(node.value)
                if problem is not None:
                    self.report(node.value, problem)

    def _django_hashers(self, value: ast.expr) -> None:
        if not isinstance(value, (ast.List, ast.Tuple)) or not value.elts:
            return
        first = value.elts[0]
        path = constant_str(self.model, first)
        if path is None:
            return
        hasher = path.rsplit(".", 1)[-1]
        if hasher in WEAK_DJANGO_HASHERS:
            self.report(first, f"`PASSWORD_HASHERS` starts with `{hasher}`, so every new "
                               f"password gets a weak hash; put `Argon2PasswordHasher` or "
                               f"`PBKDF2PasswordHasher` first")
