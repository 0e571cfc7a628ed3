"""BL403: password hashing configured below the OWASP minimums (self-contained)."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.findings import Confidence, Severity
from backendlint.knowledge.hashing import (
    ARGON2_CALLS,
    ARGON2_DEFAULT_MEMORY,
    ARGON2_DEFAULT_TIME,
    ARGON2_TRADE_OFFS,
    BCRYPT_CALLS,
    DJANGO_ARGON2,
    DJANGO_ARGON2_DEFAULTS,
    DJANGO_BCRYPT,
    DJANGO_HASHERS,
    DJANGO_PBKDF2,
    DJANGO_SCRYPT,
    KDF_DATA_ARGUMENT,
    OWASP_ARGON2_MEMORY_KIB,
    OWASP_SCRYPT_N,
    PASSLIB_ROUNDS,
    PBKDF2_CALLS,
    PYCRYPTODOME_PBKDF2,
    PYCRYPTODOME_PBKDF2_DEFAULT_COUNT,
    SCRYPT_CALLS,
    SCRYPT_TRADE_OFFS,
    SHA256_CRYPT_MIN_ROUNDS,
    SHA512_CRYPT_MIN_ROUNDS,
    WERKZEUG_HASH,
)
from backendlint.practices.password_hashing.hash_apis import digest_of, short, werkzeug_method
from backendlint.practices.password_hashing.reading import PasswordRule
from backendlint.semantic.analyze.arguments import call_argument
from backendlint.semantic.analyze.classes import class_constants
from backendlint.semantic.analyze.constants import constant_int
from backendlint.semantic.analyze.dataflow import leaf_name, target_name


class WeakKeyDerivationParameters(PasswordRule):
    """## What it does
    Checks for password-hashing functions configured below the OWASP Password Storage Cheat
    Sheet minimums:

    - `hashlib.pbkdf2_hmac` / `cryptography` `PBKDF2HMAC` / pycryptodome
      `Crypto.Protocol.KDF.PBKDF2` (also without `count`) with fewer than 600,000 iterations
      for SHA-256, 210,000 for SHA-512, or 1,300,000 for SHA-1;
    - `hashlib.scrypt` / `cryptography` `Scrypt` with `n` below 2**17 (OWASP's equivalent
      settings 2**16 with p=2, 2**15 with p=3, 2**14 with p=5 and 2**13 with p=10 pass);
    - `bcrypt.gensalt(rounds=...)` and Flask-Bcrypt below cost 12 (`BCRYPT_LOG_ROUNDS` too);
    - argon2-cffi `PasswordHasher` and `argon2.low_level.hash_secret` below 19,456 KiB of
      memory (`memory_cost`) or 2 passes (`time_cost`); OWASP's equivalents 12,288 KiB / 3,
      9,216 KiB / 4 and 7,168 KiB / 5 pass;
    - passlib `<scheme>.using(rounds=...)` and `CryptContext(<scheme>__rounds=...)` below the
      scheme's minimum (the PBKDF2 numbers above, bcrypt 12, scrypt 17 as log2 N, argon2
      2 passes, and passlib's own defaults 535,000 / 656,000 for sha256_crypt /
      sha512_crypt);
    - werkzeug `generate_password_hash(method="pbkdf2:sha256:1000")` or `"scrypt:16384:8:1"`;
    - Django hasher subclasses that lower `iterations`, `rounds`, `time_cost`,
      `memory_cost` or `work_factor`.

    Numbers are read through constant expressions (`2**17`) and module-level or local names
    (`ITERATIONS = 1000`). Library defaults are never reported, except pycryptodome's and
    PyCrypto's `Crypto.Protocol.KDF.PBKDF2`, whose default is 1,000 iterations of HMAC-SHA1.
    Test code (paths with a `test`/`tests`/`conftest` component, classes and functions named
    like `TestingConfig` or `test_login`) is skipped: test suites lower the cost on purpose.

    ## Why is this bad?
    The work factor is the only thing that slows down an attacker holding the hash table;
    1,000 PBKDF2 iterations cost a GPU almost nothing.

    ## Example
    ```python
    import hashlib

    ITERATIONS = 1000


    def derive(password: str, salt: bytes) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    ```

    Use instead:
    ```python
    import hashlib

    ITERATIONS = 600_000


    def derive(password: str, salt: bytes) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    ```

    ## Options
    In `[tool.backendlint.password-hashing]`: `min-pbkdf2-iterations` (SHA-256, default
    600000), `min-pbkdf2-sha512-iterations` (210000), `min-pbkdf2-sha1-iterations`
    (1300000), `min-scrypt-n` (131072), `min-bcrypt-rounds` (12), `min-argon2-memory-kib`
    (19456), `min-argon2-time-cost` (2). Raise them as hardware gets faster.

    ## Fix safety
    There is no fix: a higher cost changes login latency and existing hashes are upgraded
    only on the next login.
    """

    code = "BL403"
    name = "weak-key-derivation-parameters"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 916
    requires_any_text = ("pbkdf2", "PBKDF2", "scrypt", "Scrypt", "bcrypt", "Bcrypt", "BCrypt",
                         "BCRYPT", "argon2", "Argon2", "passlib", "generate_password_hash")

    def visit_Call(self, node: ast.Call) -> None:
        if self.in_test_code():
            return
        qualified = self.model.qualified_name(node.func)
        if qualified is None:
            return
        problem = self._problem(node, qualified)
        if problem is not None:
            self.report(node, problem)

    def _hashes_a_non_password_secret(self, node: ast.Call, qualified: str) -> bool:
        """`hashlib.scrypt(api_key.encode(), n=2, ...)`: a random API key or token needs no
        slow KDF (it cannot be guessed), so low cost there is a choice, not a weakness."""
        index = KDF_DATA_ARGUMENT.get(qualified)
        if index is None:
            return False
        data = call_argument(node, index, "password")
        while (isinstance(data, ast.Call) and isinstance(data.func, ast.Attribute)
               and data.func.attr == "encode"):
            data = data.func.value
        name = leaf_name(self.model, data) if data is not None else None
        return bool(name) and self.secret_name(name) and not self.password_name(name)

    def _problem(self, node: ast.Call, qualified: str) -> Optional[str]:
        if self._hashes_a_non_password_secret(node, qualified):
            return None
        if qualified in PBKDF2_CALLS:
            return self._pbkdf2(node, qualified)
        if qualified in PYCRYPTODOME_PBKDF2:
            return self._pycryptodome_pbkdf2(node, qualified)
        if qualified in SCRYPT_CALLS:
            return self._scrypt(node, qualified)
        if qualified in ARGON2_CALLS:
            time_index, memory_index = ARGON2_CALLS[qualified]
            return self._argon2(short(qualified),
                                call_argument(node, time_index, "time_cost"),
                                call_argument(node, memory_index, "memory_cost"))
        if qualified in BCRYPT_CALLS:
            return self._bcrypt(qualified, call_argument(node, BCRYPT_CALLS[qualified],
                                                         "rounds"))
        if qualified in WERKZEUG_HASH:
            return self._werkzeug(node)
        if qualified.startswith("passlib.hash.") and qualified.endswith(".using"):
            scheme = qualified[len("passlib.hash."):-len(".using")]
            return self._passlib(scheme, {item.arg: item.value for item in node.keywords
                                          if item.arg})
        if qualified == "passlib.context.CryptContext":
            return self._crypt_context(node)
        return None

    # -------------------------------------------------------------- thresholds
    def pbkdf2_minimum(self, digest: Optional[str]) -> int:
        options = self.settings
        name = (digest or "").lower().replace("-", "").replace("_", "")
        if name in ("sha1", "md5"):
            return options.min_pbkdf2_sha1_iterations
        if name in ("sha512", "sha384", "sha3512", "sha3384"):
            return options.min_pbkdf2_sha512_iterations
        if name in ("sha256", "sha224", "sha3256", "sha3224"):
            return options.min_pbkdf2_iterations
        # Unknown digest: the most lenient OWASP number, so that nothing is over-reported.
        return min(options.min_pbkdf2_iterations, options.min_pbkdf2_sha512_iterations,
                   options.min_pbkdf2_sha1_iterations)

    def scrypt_is_weak(self, n: int, p: int) -> bool:
        scale = self.settings.min_scrypt_n / OWASP_SCRYPT_N
        settings = ((self.settings.min_scrypt_n, 1),
                    *((int(base * scale), parallel) for base, parallel in SCRYPT_TRADE_OFFS))
        return not any(n >= need_n and p >= need_p for need_n, need_p in settings)

    def argon2_is_weak(self, time_cost: int, memory_kib: int) -> bool:
        options = self.settings
        scale = options.min_argon2_memory_kib / OWASP_ARGON2_MEMORY_KIB
        settings = ((options.min_argon2_memory_kib, options.min_argon2_time_cost),
                    *((int(memory * scale), passes) for memory, passes in ARGON2_TRADE_OFFS
                      if passes >= options.min_argon2_time_cost))
        return not any(memory_kib >= need_m and time_cost >= need_t
                       for need_m, need_t in settings)

    # -------------------------------------------------------------- checks
    def _pbkdf2(self, node: ast.Call, qualified: str) -> Optional[str]:
        digest_key, digest_index, iterations_key, iterations_index = PBKDF2_CALLS[qualified]
        iterations = constant_int(self.model, call_argument(node, iterations_index,
                                                            iterations_key))
        if iterations is None:
            return None
        digest = digest_of(self.model, call_argument(node, digest_index, digest_key))
        minimum = self.pbkdf2_minimum(digest)
        if iterations >= minimum:
            return None
        return (f"`{short(qualified)}` with {iterations:,} iterations of "
                f"{(digest or 'its digest').upper()}: OWASP asks for at least {minimum:,}; "
                f"raise `iterations` (option `min-pbkdf2-iterations`) or use argon2id")

    def _pycryptodome_pbkdf2(self, node: ast.Call, qualified: str) -> Optional[str]:
        """`PBKDF2(password, salt, dkLen=16, count=1000, prf=None, hmac_hash_module=None)`:
        left out, `count` is 1,000 iterations of HMAC-SHA1 (pycryptodome and PyCrypto)."""
        count_expr = call_argument(node, 3, "count")
        iterations = (constant_int(self.model, count_expr) if count_expr is not None
                      else PYCRYPTODOME_PBKDF2_DEFAULT_COUNT)
        if iterations is None:
            return None
        module = call_argument(node, 5, "hmac_hash_module")
        prf = call_argument(node, 4, "prf")
        digest = digest_of(self.model, module) if module is not None else (
            None if prf is not None else "sha1")
        minimum = self.pbkdf2_minimum(digest)
        if iterations >= minimum:
            return None
        api = qualified.split(".", 1)[0] + ".Protocol.KDF.PBKDF2"
        counted = ("its default of 1,000 iterations" if count_expr is None
                   else f"{iterations:,} iterations")
        return (f"`{api}` with {counted} of {(digest or 'its PRF').upper()}: OWASP asks "
                f"for at least {minimum:,}; pass `count=` (and `hmac_hash_module=SHA256`) or "
                f"use argon2id")

    def _scrypt(self, node: ast.Call, qualified: str) -> Optional[str]:
        n_index, p_index = SCRYPT_CALLS[qualified]
        n = constant_int(self.model, call_argument(node, n_index, "n"))
        p = constant_int(self.model, call_argument(node, p_index, "p"))
        if n is None or not self.scrypt_is_weak(n, p if p is not None else 1):
            return None
        return (f"`{short(qualified)}` with n={n:,}: OWASP asks for n=2**17 "
                f"({self.settings.min_scrypt_n:,}) with r=8, p=1 (or an equivalent trade-off); "
                f"raise `n` (option `min-scrypt-n`)")

    def _argon2(self, api: str, time_expr: Optional[ast.expr], memory_expr: Optional[ast.expr],
                defaults: tuple[int, int] = (ARGON2_DEFAULT_TIME, ARGON2_DEFAULT_MEMORY)
                ) -> Optional[str]:
        if time_expr is None and memory_expr is None:
            return None
        time_cost = constant_int(self.model, time_expr) if time_expr is not None \
            else defaults[0]
        memory = constant_int(self.model, memory_expr) if memory_expr is not None \
            else defaults[1]
        if time_cost is None or memory is None or not self.argon2_is_weak(time_cost, memory):
            return None
        options = self.settings
        return (f"`{api}` with time_cost={time_cost}, memory_cost={memory:,} KiB: OWASP asks "
                f"for Argon2id with at least {options.min_argon2_memory_kib:,} KiB (19 MiB) and "
                f"{options.min_argon2_time_cost} passes; keep argon2-cffi's defaults or raise "
                f"them (options `min-argon2-memory-kib`, `min-argon2-time-cost`)")

    def _bcrypt(self, qualified: str, rounds_expr: Optional[ast.expr]) -> Optional[str]:
        rounds = constant_int(self.model, rounds_expr)
        minimum = self.settings.min_bcrypt_rounds
        if rounds is None or rounds >= minimum:
            return None
        return (f"`{short(qualified)}` with cost {rounds}: use at least {minimum} (the "
                f"bcrypt default; option `min-bcrypt-rounds`)")

    def _werkzeug(self, node: ast.Call) -> Optional[str]:
        method = werkzeug_method(self.model, node)
        if method is None:
            return None
        parts = method.split(":")
        if parts[0] == "pbkdf2" and len(parts) >= 3 and parts[2].isdigit():
            iterations, minimum = int(parts[2]), self.pbkdf2_minimum(parts[1])
            if iterations < minimum:
                return (f"`generate_password_hash(method={method!r})` runs {iterations:,} "
                        f"PBKDF2 iterations: OWASP asks for at least {minimum:,}; drop the "
                        f"count to get werkzeug's default or raise it")
        if parts[0] == "scrypt" and len(parts) >= 2 and parts[1].isdigit():
            n = int(parts[1])
            p = int(parts[3]) if len(parts) >= 4 and parts[3].isdigit() else 1
            if self.scrypt_is_weak(n, p):
                return (f"`generate_password_hash(method={method!r})` uses scrypt n={n:,}: "
                        f"OWASP asks for n=2**17 with p=1 (or an equivalent trade-off)")
        return None

    def _passlib(self, scheme: str, settings: dict[str, ast.expr]) -> Optional[str]:
        kind = PASSLIB_ROUNDS.get(scheme)
        if kind is None:
            return None
        if kind == "argon2_time":
            time_expr = settings.get("time_cost", settings.get("rounds"))
            return self._argon2(f"passlib.hash.{scheme}", time_expr, settings.get("memory_cost"))
        rounds_expr = settings.get("rounds", settings.get("default_rounds"))
        rounds = constant_int(self.model, rounds_expr)
        if rounds is None:
            return None
        minimum = self._passlib_minimum(kind)
        if rounds >= minimum:
            return None
        return (f"passlib `{scheme}` with rounds={rounds:,}: use at least {minimum:,} (OWASP; "
                f"options in `[tool.backendlint.password-hashing]`)")

    def _passlib_minimum(self, kind: str) -> int:
        if kind.startswith("pbkdf2_"):
            return self.pbkdf2_minimum(kind[len("pbkdf2_"):])
        if kind == "bcrypt":
            return self.settings.min_bcrypt_rounds
        if kind == "scrypt_log2":
            return max(self.settings.min_scrypt_n.bit_length() - 1, 1)
        return SHA256_CRYPT_MIN_ROUNDS if kind == "sha256_crypt" else SHA512_CRYPT_MIN_ROUNDS

    def _crypt_context(self, node: ast.Call) -> Optional[str]:
        per_scheme: dict[str, dict[str, ast.expr]] = {}
        for item in node.keywords:
            if item.arg and "__" in item.arg:
                scheme, _, setting = item.arg.partition("__")
                per_scheme.setdefault(scheme, {})[setting] = item.value
        for scheme, settings in per_scheme.items():
            problem = self._passlib(scheme, settings)
            if problem is not None:
                return problem.replace(f"passlib `{scheme}`", f"`CryptContext` `{scheme}`")
        return None

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if self.in_test_code():
            return
        for base in self.class_bases(node):
            if base.startswith(DJANGO_HASHERS):
                self._django_hasher(node, base[len(DJANGO_HASHERS):])

    def _django_hasher(self, node: ast.ClassDef, base: str) -> None:
        values = class_constants(node)
        if base in DJANGO_PBKDF2 and "iterations" in values:
            self._report_django(values["iterations"], base, "iterations",
                                self.pbkdf2_minimum(DJANGO_PBKDF2[base]))
        elif base in DJANGO_BCRYPT and "rounds" in values:
            self._report_django(values["rounds"], base, "rounds", self.settings.min_bcrypt_rounds)
        elif base == DJANGO_SCRYPT and "work_factor" in values:
            self._report_django(values["work_factor"], base, "work_factor",
                                self.settings.min_scrypt_n)
        elif base == DJANGO_ARGON2 and ("time_cost" in values or "memory_cost" in values):
            problem = self._argon2(base, values.get("time_cost"), values.get("memory_cost"),
                                   DJANGO_ARGON2_DEFAULTS)
            if problem is not None:
                anchor = values.get("memory_cost") or values["time_cost"]
                self.report(anchor, problem)

    def _report_django(self, expr: ast.expr, base: str, setting: str, minimum: int) -> None:
        value = constant_int(self.model, expr)
        if value is not None and value < minimum:
            self.report(expr, f"`{setting} = {value:,}` lowers Django's `{base}` below the "
                              f"OWASP minimum of {minimum:,}; remove the override")

    def visit_Assign(self, node: ast.Assign) -> None:
        # Flask-Bcrypt reads its cost from `BCRYPT_LOG_ROUNDS`.
        if self.in_test_code():
            return
        for target in node.targets:
            if target_name(target) == "BCRYPT_LOG_ROUNDS":
                problem = self._bcrypt("BCRYPT_LOG_ROUNDS", node.value)
                if problem is not None:
                    self.report(node.value, problem)
