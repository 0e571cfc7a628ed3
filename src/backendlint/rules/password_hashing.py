"""Password hashing (BL4xx): fast hashes applied to passwords, MD5/SHA-1 used for secrets, weak
key-derivation parameters, weak hasher configuration, timing-unsafe password comparison and
plaintext password storage.

Thresholds follow the OWASP Password Storage Cheat Sheet: PBKDF2-HMAC-SHA256 600,000
iterations, PBKDF2-HMAC-SHA512 210,000, PBKDF2-HMAC-SHA1 1,300,000; scrypt N=2**17 (r=8, p=1);
Argon2id 19 MiB (19,456 KiB) and 2 passes; bcrypt cost 12 (the bcrypt library's default, above
OWASP's floor of 10). Every number can be raised in `[tool.backendlint.password-hashing]`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Optional, Union

from backendlint.context import ProjectContext, is_test_path
from backendlint.diagnostics import Severity
from backendlint.rule import PracticeOptions, Rule
from backendlint.semantic import Binding, SemanticModel

# ------------------------------------------------------------------ identifiers
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def components(name: str) -> list[str]:
    """`userPassword` / `user_password` / `USER_PASSWORD` → ["user", "password"]."""
    return [word.lower() for word in _WORD.findall(name)]


# Words that name a password by themselves; `pin` and `pwd` only as whole components so that
# "pinned", "spinner", "mapping" or "getcwd" never match.
_PASSWORD_WORDS = frozenset({"password", "passwords", "passwd", "passphrase", "pwd", "pwds",
                             "pin", "pincode", "passcode", "pw"})
_PASSWORD_INFIXES = ("password", "passwd", "passphrase")

# A password word next to one of these names something about a password, not the password
# itself: `password_reset_token`, `PASSWORD_HASHERS`, `min_password_length`, `pin_memory`.
_METADATA_WORDS = frozenset({
    "token", "tokens", "reset", "url", "link", "policy", "policies", "length", "len", "min",
    "max", "minimum", "maximum", "field", "fields", "label", "hint", "help", "validator",
    "validators", "validation", "validate", "form", "regex", "pattern", "strength", "expiry",
    "expires", "expired", "expiration", "expire", "changed", "at", "date", "time", "timestamp",
    "required", "hasher", "hashers", "algorithm", "algorithms", "algo", "rounds", "iterations",
    "iter", "salt", "pepper", "scheme", "schemes", "context", "ctx", "manager", "error",
    "errors", "message", "messages", "msg", "widget", "template", "view", "handler", "file",
    "path", "prompt", "attempts", "attempt", "count", "history", "updated", "is", "has",
    "enabled", "mode", "type", "rule", "rules", "config", "settings", "memory", "mask",
    "masked", "char", "chars", "characters", "complexity", "visible", "visibility", "show",
    "toggle", "placeholder", "column", "forgot", "forgotten", "recovery", "age", "last",
    "lockout", "locked", "failures", "failed", "retries", "retry", "usable", "unusable",
    "generator", "generate", "random", "auth", "authentication", "grant", "flow", "env",
    "environ", "variable", "var", "option", "options", "param", "params", "name", "key",
})

# Words that mark a stored hash rather than the typed password.
HASH_WORDS = frozenset({"hash", "hashed", "hashes", "digest", "encrypted", "crypt", "crypted",
                        "stored", "db", "encoded"})


def _is_password_word(word: str) -> bool:
    if word in _PASSWORD_WORDS:
        return True
    # `newpassword` is a password; `passwordless` is a login method.
    return any(infix in word for infix in _PASSWORD_INFIXES) and not word.endswith("less")


def is_password_name(name: str, extra_patterns: Iterable[str] = ()) -> bool:
    lowered = name.lower()
    for pattern in extra_patterns:
        if re.search(pattern, lowered):
            return True
    words = components(name)
    if not any(_is_password_word(word) for word in words):
        return False
    return not any(word in _METADATA_WORDS for word in words)


def is_hash_name(name: str) -> bool:
    """A password-like name that holds a hash: `password_hash`, `hashed_password`."""
    return any(word in HASH_WORDS for word in components(name))


# Verbs that, next to a password word in a function name, make it a password function:
# `hash_password`, `set_password`, `check_password`, `verify_pin`, `make_password`.
_PASSWORD_VERBS = frozenset({"hash", "hashed", "hashing", "set", "check", "checks", "verify",
                             "make", "encode", "encrypt", "digest", "compare", "match",
                             "matches", "store", "save", "crypt", "derive", "salt", "salted"})
# Password functions that legitimately use SHA-1 on a password: the Have I Been Pwned range
# API takes the first five hex digits of the password's SHA-1.
_BREACH_WORDS = frozenset({"pwned", "breach", "breached", "hibp", "leaked", "compromised"})


def is_password_function(name: str) -> bool:
    words = components(name)
    if any(word in _BREACH_WORDS for word in words):
        return False
    has_password = any(_is_password_word(word) for word in words)
    return has_password and any(word in _PASSWORD_VERBS for word in words) and not any(
        word in _METADATA_WORDS for word in words)


def is_breach_check(name: str) -> bool:
    return any(word in _BREACH_WORDS for word in components(name))


# ------------------------------------------------------------------ security-token names
_SECRET_WORDS = frozenset({"token", "tokens", "secret", "signature", "sig", "nonce", "apikey",
                           "csrf", "xsrf", "otp", "totp", "hotp", "jwt", "bearer", "credential",
                           "credentials", "hmac", "sign", "signing", "signed", "passkey"})
# `api_key`, `session_id`, `reset_code`, `verification_code`, `activation_key`...
_SECRET_PREFIXES = frozenset({"api", "session", "reset", "verification", "verify", "activation",
                              "auth", "access", "private", "invite", "invitation", "confirm",
                              "confirmation", "magic", "login", "refresh", "recovery"})
_SECRET_SUFFIXES = frozenset({"key", "keys", "code", "codes", "id", "link", "hash", "secret",
                              "token"})
# `sign_up` and `sign_in` are pages, not signatures.
_SIGN_PAGES = frozenset({"up", "in", "out", "on", "off"})
# Digests that are not security controls: cache keys, ETags, checksums, content addressing.
_NON_SECURITY_WORDS = frozenset({
    "cache", "cached", "caching", "etag", "etags", "checksum", "checksums", "crc", "file",
    "files", "filename", "content", "contents", "chunk", "chunks", "gravatar", "avatar",
    "asset", "assets", "static", "shard", "bucket", "partition", "color", "colour", "dedup",
    "dedupe", "fingerprint", "lock", "version", "md5sum", "sha1sum", "integrity", "bust",
    "buster", "image", "thumbnail", "upload", "blob", "object", "row", "cachekey", "idempotency",
})


def is_secret_name(name: str, extra_patterns: Iterable[str] = ()) -> bool:
    lowered = name.lower()
    if any(re.search(pattern, lowered) for pattern in extra_patterns):
        return True
    words = components(name)
    if any(word in _NON_SECURITY_WORDS for word in words):
        return False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "sign" and following in _SIGN_PAGES:
            continue
        if word in _SECRET_WORDS:
            return True
        if word in _SECRET_PREFIXES and following in _SECRET_SUFFIXES:
            return True
    return False


def is_non_security_name(name: str) -> bool:
    return any(word in _NON_SECURITY_WORDS for word in components(name))


# Holders of a stored password: `user.password`, `account.password_hash`, `row["password"]`.
_USER_WORDS = frozenset({"user", "users", "account", "accounts", "member", "customer", "admin",
                         "superuser", "staff", "profile", "owner", "person", "employee",
                         "player", "instance", "obj", "record", "row", "entity", "existing",
                         "stored", "db", "u", "usr", "principal", "identity", "subscriber",
                         "operator", "tenant", "student", "patient", "doctor", "author"})
# Classes whose keyword arguments are request input, not stored rows: `UserCreate(...)`.
_SCHEMA_WORDS = frozenset({"create", "in", "schema", "form", "request", "payload", "login",
                           "register", "registration", "update", "base", "dto", "data",
                           "input", "out", "response", "read", "serializer", "public",
                           "signup", "credentials", "params", "query", "command", "event"})


def is_user_model_class_name(name: str) -> bool:
    words = components(name)
    return bool(words) and words[-1] in _USER_WORDS and not any(
        word in _SCHEMA_WORDS for word in words)


# ------------------------------------------------------------------ hash APIs
FAST_HASHLIB = frozenset({
    "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384",
    "sha3_512", "blake2b", "blake2s", "shake_128", "shake_256",
})
BROKEN_ALGORITHMS = frozenset({"md5", "sha1", "md4", "md2", "md5-sha1"})
# pycryptodome (`Crypto`) and pycryptodomex (`Cryptodome`) hash modules.
PYCRYPTODOME_HASHES = frozenset({
    "MD2", "MD4", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA3_224",
    "SHA3_256", "SHA3_384", "SHA3_512", "BLAKE2b", "BLAKE2s", "RIPEMD160", "keccak",
    "SHAKE128", "SHAKE256",
})
PYCRYPTODOME_ROOTS = ("Crypto.Hash.", "Cryptodome.Hash.")
HMAC_CONSTRUCTORS = frozenset({"hmac.new", "hmac.HMAC", "hmac.digest"})
CRYPTOGRAPHY_HASH = "cryptography.hazmat.primitives.hashes.Hash"
CRYPTOGRAPHY_HMAC = "cryptography.hazmat.primitives.hmac.HMAC"

# ------------------------------------------------------------------ OWASP numbers
# OWASP Password Storage Cheat Sheet (2023 revision).
OWASP_PBKDF2_SHA256 = 600_000
OWASP_PBKDF2_SHA512 = 210_000
OWASP_PBKDF2_SHA1 = 1_300_000
OWASP_SCRYPT_N = 2 ** 17
OWASP_ARGON2_MEMORY_KIB = 19_456
OWASP_ARGON2_TIME_COST = 2
BCRYPT_DEFAULT_ROUNDS = 12
# OWASP's equivalent Argon2id settings that trade memory for passes (KiB, passes), relative to
# the 19 MiB / 2 passes baseline, and its scrypt settings that trade N for parallelism.
ARGON2_TRADE_OFFS = ((12_288, 3), (9_216, 4), (7_168, 5))
SCRYPT_TRADE_OFFS = ((2 ** 16, 2), (2 ** 15, 3), (2 ** 14, 5), (2 ** 13, 10))

# ------------------------------------------------------------------ hasher schemes
# passlib schemes that are fast, unsalted, or broken; none is fit as the default.
WEAK_PASSLIB_SCHEMES = frozenset({
    "md5_crypt", "apr_md5_crypt", "sun_md5_crypt", "des_crypt", "bsdi_crypt", "bigcrypt",
    "crypt16", "sha1_crypt", "ldap_md5", "ldap_sha1", "ldap_salted_md5", "ldap_salted_sha1",
    "ldap_salted_sha256", "ldap_salted_sha512", "ldap_plaintext", "ldap_hex_md5",
    "ldap_hex_sha1", "ldap_md5_crypt", "ldap_des_crypt", "ldap_bsdi_crypt", "ldap_sha1_crypt",
    "hex_md4", "hex_md5", "hex_sha1", "hex_sha256", "hex_sha512", "plaintext",
    "roundup_plaintext", "mysql323", "mysql41", "postgres_md5", "oracle10", "oracle11",
    "mssql2000", "mssql2005", "lmhash", "nthash", "bsd_nthash", "msdcc", "msdcc2", "htdigest",
    "cisco_pix", "cisco_asa", "cisco_type7", "django_salted_md5", "django_salted_sha1",
    "django_des_crypt", "django_disabled", "unix_disabled", "atlassian_pbkdf2_sha1",
    "fshp", "dlitz_pbkdf2_sha1", "grub_pbkdf2_sha512",
})
# passlib schemes whose `rounds` setting this practice checks, and how to get the minimum.
PASSLIB_ROUNDS = {
    "pbkdf2_sha256": "pbkdf2_sha256", "django_pbkdf2_sha256": "pbkdf2_sha256",
    "pbkdf2_sha512": "pbkdf2_sha512", "pbkdf2_sha1": "pbkdf2_sha1",
    "django_pbkdf2_sha1": "pbkdf2_sha1", "cta_pbkdf2_sha1": "pbkdf2_sha1",
    "bcrypt": "bcrypt", "bcrypt_sha256": "bcrypt", "django_bcrypt": "bcrypt",
    "django_bcrypt_sha256": "bcrypt", "sha256_crypt": "sha256_crypt",
    "sha512_crypt": "sha512_crypt", "scrypt": "scrypt_log2", "argon2": "argon2_time",
}
# passlib's own defaults for SHA-crypt (OWASP gives no number for it).
SHA256_CRYPT_MIN_ROUNDS = 535_000
SHA512_CRYPT_MIN_ROUNDS = 656_000

# Django hashers: a weak one first in PASSWORD_HASHERS hashes every new password with it.
WEAK_DJANGO_HASHERS = frozenset({"MD5PasswordHasher", "UnsaltedMD5PasswordHasher",
                                 "UnsaltedSHA1PasswordHasher", "SHA1PasswordHasher",
                                 "CryptPasswordHasher"})
# Django hasher classes → (class attribute, what it means) checked in subclasses.
DJANGO_HASHERS = "django.contrib.auth.hashers."
DJANGO_PBKDF2 = {"PBKDF2PasswordHasher": "sha256", "PBKDF2SHA1PasswordHasher": "sha1"}
DJANGO_BCRYPT = frozenset({"BCryptSHA256PasswordHasher", "BCryptPasswordHasher"})
DJANGO_ARGON2 = "Argon2PasswordHasher"
DJANGO_SCRYPT = "ScryptPasswordHasher"

# Flask-Security's SECURITY_PASSWORD_HASH values that store weak hashes.
WEAK_FLASK_SECURITY = WEAK_PASSLIB_SCHEMES

# Words in a class or function name that mark test configuration (`TestingConfig`).
_TEST_NAME_WORDS = frozenset({"test", "tests", "testing"})


# Where the hashed data sits in the stdlib KDF calls (positional index; keyword `password`).
_KDF_DATA_ARGUMENT = {"hashlib.pbkdf2_hmac": 1, "hashlib.scrypt": 0}


# ====================================================================== options
@dataclass
class PasswordHashingOptions(PracticeOptions):
    # Read from [tool.backendlint.password-hashing]; written with `-` in TOML.
    min_pbkdf2_iterations: int = OWASP_PBKDF2_SHA256
    min_pbkdf2_sha512_iterations: int = OWASP_PBKDF2_SHA512
    min_pbkdf2_sha1_iterations: int = OWASP_PBKDF2_SHA1
    min_scrypt_n: int = OWASP_SCRYPT_N
    min_bcrypt_rounds: int = BCRYPT_DEFAULT_ROUNDS
    min_argon2_memory_kib: int = OWASP_ARGON2_MEMORY_KIB
    min_argon2_time_cost: int = OWASP_ARGON2_TIME_COST
    # Regular expressions searched in lowercased identifiers and keys.
    password_names: list[str] = field(default_factory=list)
    secret_names: list[str] = field(default_factory=list)


# ====================================================================== expression helpers
_MAX_DEPTH = 8
_TRANSPARENT_METHODS = frozenset({"encode", "decode", "strip", "lstrip", "rstrip", "lower",
                                  "upper", "casefold", "format", "join", "replace", "zfill"})
_TRANSPARENT_FUNCTIONS = frozenset({"builtins.str", "builtins.bytes", "builtins.bytearray",
                                    "builtins.memoryview", "codecs.encode"})
_GETTERS = frozenset({"get", "pop", "getlist", "getone", "get_one"})
_DIGEST_METHODS = frozenset({"hexdigest", "digest", "decode", "encode", "upper", "lower", "hex"})
_ENCODERS = frozenset({"base64.b64encode", "base64.urlsafe_b64encode", "base64.b32encode",
                       "base64.b16encode", "binascii.hexlify", "binascii.b2a_hex",
                       "codecs.encode", "builtins.str"})
_RANDOM_PREFIXES = ("os.urandom", "secrets.", "random.", "uuid.", "time.", "datetime.")
# Inputs an attacker cannot predict: a digest of them is a fine random token, whatever the hash.
_CRYPTO_RANDOM = ("os.urandom", "secrets.", "uuid.uuid4", "random.SystemRandom")


def call_argument(call: ast.Call, index: Optional[int], keyword: str) -> Optional[ast.expr]:
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    if index is not None and index < len(call.args):
        argument = call.args[index]
        return None if isinstance(argument, ast.Starred) else argument
    return None


def constant_str(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0
                 ) -> Optional[str]:
    """A string literal, directly or through a simple name (`METHOD = "md5"`)."""
    if expr is None or depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.Name):
        binding = semantic.lookup(expr.id)
        if binding is not None and binding.kind in ("assign", "annassign"):
            return constant_str(semantic, binding.value, depth + 1)
    return None


def constant_int(semantic: SemanticModel, expr: Optional[ast.expr], depth: int = 0
                 ) -> Optional[int]:
    """An integer literal or a foldable constant expression (`2**17`, `100_000 * 6`), directly
    or through module-level and local names."""
    if expr is None or depth > _MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant):
        value = expr.value
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
        operand = constant_int(semantic, expr.operand, depth + 1)
        return -operand if operand is not None else None
    if isinstance(expr, ast.BinOp):
        return _fold(expr.op, constant_int(semantic, expr.left, depth + 1),
                     constant_int(semantic, expr.right, depth + 1))
    if isinstance(expr, ast.Name):
        binding = semantic.lookup(expr.id)
        if binding is not None and binding.kind in ("assign", "annassign"):
            return constant_int(semantic, binding.value, depth + 1)
    return None


def _fold(op: ast.operator, left: Optional[int], right: Optional[int]) -> Optional[int]:
    if left is None or right is None:
        return None
    if isinstance(op, ast.Add):
        return left + right
    if isinstance(op, ast.Sub):
        return left - right
    if isinstance(op, ast.Mult):
        return left * right
    # Bounded so that a hostile `10**10**10` cannot stall the linter.
    if isinstance(op, ast.Pow) and 0 <= right <= 64 and abs(left) <= 1 << 20:
        return int(left ** right)
    if isinstance(op, ast.LShift) and 0 <= right <= 64:
        return left << right
    if isinstance(op, ast.FloorDiv) and right:
        return left // right
    return None


def string_items(semantic: SemanticModel, expr: Optional[ast.expr]) -> Optional[list[str]]:
    """`["bcrypt", "md5_crypt"]`, `("a", "b")` or passlib's `"bcrypt, md5_crypt"`."""
    if isinstance(expr, ast.Name):
        binding = semantic.lookup(expr.id)
        if binding is not None and binding.kind in ("assign", "annassign"):
            expr = binding.value
    if isinstance(expr, (ast.List, ast.Tuple)):
        items = [constant_str(semantic, element) for element in expr.elts]
        return [item for item in items if item is not None]
    text = constant_str(semantic, expr)
    if text is not None:
        return [part.strip() for part in text.split(",") if part.strip()]
    return None


def data_leaves(semantic: SemanticModel, expr: ast.expr) -> list[ast.expr]:
    """The values that flow into an expression: names (and what local assignments gave them),
    attributes, subscripts, keyed `.get()` calls and opaque calls. `.encode()`, `str()`,
    concatenation and f-strings are looked through."""
    leaves: list[ast.expr] = []
    seen: set[str] = set()
    stack: list[tuple[ast.expr, int]] = [(expr, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > _MAX_DEPTH:
            continue
        if isinstance(current, ast.Name):
            leaves.append(current)
            if current.id not in seen:
                seen.add(current.id)
                stack.extend((binding.value, depth + 1)
                             for binding in semantic.bindings(current.id)
                             if binding.kind in ("assign", "annassign", "augassign")
                             and binding.value is not None)
        elif isinstance(current, ast.Attribute):
            leaves.append(current)
            # WTForms: `form.password.data`.
            if current.attr in ("data", "value"):
                stack.append((current.value, depth + 1))
        elif isinstance(current, ast.BinOp):
            stack.extend(((current.left, depth + 1), (current.right, depth + 1)))
        elif isinstance(current, ast.JoinedStr):
            stack.extend((value, depth + 1) for value in current.values)
        elif isinstance(current, (ast.FormattedValue, ast.Await, ast.Starred)):
            stack.append((current.value, depth + 1))
        elif isinstance(current, ast.IfExp):
            stack.extend(((current.body, depth + 1), (current.orelse, depth + 1)))
        elif isinstance(current, ast.Call):
            stack.extend((inner, depth + 1) for inner in _call_inputs(semantic, current, leaves))
        else:
            leaves.append(current)
    return leaves


def _call_inputs(semantic: SemanticModel, call: ast.Call, leaves: list[ast.expr]
                 ) -> list[ast.expr]:
    func = call.func
    if isinstance(func, ast.Attribute):
        if func.attr in _GETTERS and call.args and isinstance(call.args[0], ast.Constant):
            leaves.append(call)
            return []
        if func.attr in _TRANSPARENT_METHODS:
            return [func.value, *call.args]
    if semantic.qualified_name(func) in _TRANSPARENT_FUNCTIONS:
        return list(call.args)
    leaves.append(call)
    return []


_ENVIRONMENT_KEYS = frozenset({"PWD", "OLDPWD"})


def leaf_name(semantic: SemanticModel, leaf: ast.expr) -> Optional[str]:
    """The identifier or key a leaf is known by: `password`, `form.password`,
    `data["password"]`, `request.POST.get("password")`."""
    if isinstance(leaf, ast.Name):
        binding = semantic.lookup(leaf.id)
        # `import pwd` is the Unix password database module, not a password.
        if binding is not None and binding.kind in ("import", "function", "class"):
            return None
        return leaf.id
    if isinstance(leaf, ast.Attribute):
        return leaf.attr
    if isinstance(leaf, ast.Subscript):
        key = leaf.slice
    elif isinstance(leaf, ast.Call) and isinstance(leaf.func, ast.Attribute) and leaf.args:
        key = leaf.args[0]
    else:
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        # `os.environ["PWD"]` is the working directory.
        return None if key.value in _ENVIRONMENT_KEYS else key.value
    return None


def target_name(target: ast.expr) -> Optional[str]:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript):
        key = target.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    return None


def _digest_core(semantic: SemanticModel, expr: ast.expr) -> ast.expr:
    """`base64.b64encode(hashlib.sha256(x).digest()).decode()[:32]` → `hashlib.sha256(x)`."""
    for _ in range(_MAX_DEPTH):
        if isinstance(expr, ast.Subscript):
            expr = expr.value
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
                and expr.func.attr in _DIGEST_METHODS:
            expr = expr.func.value
        elif isinstance(expr, ast.Await):
            expr = expr.value
        elif isinstance(expr, ast.Call) and expr.args \
                and semantic.qualified_name(expr.func) in _ENCODERS:
            expr = expr.args[0]
        else:
            break
    return expr


def stored_names(semantic: SemanticModel, statement: Optional[ast.stmt], call: ast.Call
                 ) -> list[str]:
    """Names the digest of `call` is stored in by the statement around it; a `return` in a
    function counts as the function's name."""
    if statement is None:
        return []
    if isinstance(statement, ast.Assign):
        targets: list[ast.expr] = list(statement.targets)
        value: Optional[ast.expr] = statement.value
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets, value = [statement.target], statement.value
    elif isinstance(statement, ast.Return):
        function = semantic.current_function()
        if statement.value is not None and function is not None \
                and _digest_core(semantic, statement.value) is call:
            return [function.name]
        return []
    else:
        return []
    if value is None or _digest_core(semantic, value) is not call:
        return []
    names = [target_name(target) for target in targets]
    return [name for name in names if name]


def is_random_source(semantic: SemanticModel, leaves: Iterable[ast.expr],
                     prefixes: tuple[str, ...] = _RANDOM_PREFIXES) -> bool:
    for leaf in leaves:
        if isinstance(leaf, ast.Call):
            qualified = semantic.qualified_name(leaf.func) or ""
            if qualified.startswith(prefixes):
                return True
    return False


def short(qualified: str) -> str:
    """`cryptography.hazmat.primitives.hashes.Hash().update` → `hashes.Hash().update`."""
    return qualified.replace("cryptography.hazmat.primitives.", "")


# ====================================================================== hash calls
@dataclass
class HashCall:
    api: str  # the qualified name, for messages
    algorithm: Optional[str]  # lower-case digest name when known
    data: list[ast.expr]
    is_hmac: bool = False
    constructor: Optional[ast.Call] = None


def _hashlib_call(semantic: SemanticModel, call: ast.Call, qualified: str
                  ) -> Optional[HashCall]:
    name = qualified[len("hashlib."):]
    if name in FAST_HASHLIB:
        data = call_argument(call, 0, "data") or call_argument(call, None, "string")
        return HashCall(qualified, name, [data] if data is not None else [], constructor=call)
    if name == "new":
        algorithm = constant_str(semantic, call_argument(call, 0, "name"))
        data = call_argument(call, 1, "data") or call_argument(call, None, "string")
        return HashCall(qualified, algorithm.lower().replace("-", "_") if algorithm else None,
                        [data] if data is not None else [], constructor=call)
    return None


def _hmac_algorithm(semantic: SemanticModel, digest: Optional[ast.expr]) -> Optional[str]:
    if digest is None:
        return None
    text = constant_str(semantic, digest)
    if text is not None:
        return text.lower()
    qualified = semantic.qualified_name(digest) or ""
    return qualified.rsplit(".", 1)[-1].lower() if qualified.startswith("hashlib.") else None


def _pycryptodome_call(call: ast.Call, qualified: str) -> Optional[HashCall]:
    for root in PYCRYPTODOME_ROOTS:
        if not qualified.startswith(root) or not qualified.endswith(".new"):
            continue
        module = qualified[len(root):-len(".new")]
        if module == "HMAC":
            data = [arg for arg in (call_argument(call, 0, "key"), call_argument(call, 1, "msg"))
                    if arg is not None]
            return HashCall(qualified, None, data, is_hmac=True, constructor=call)
        if module in PYCRYPTODOME_HASHES:
            data_arg = call_argument(call, 0, "data")
            return HashCall(qualified, module.lower(), [data_arg] if data_arg is not None else [],
                            constructor=call)
    return None


def construct_hash(semantic: SemanticModel, call: ast.Call) -> Optional[HashCall]:
    """A call that builds a fast hash or MAC from data, with that data."""
    qualified = semantic.qualified_name(call.func)
    if qualified is None:
        return None
    if qualified.startswith("hashlib."):
        return _hashlib_call(semantic, call, qualified)
    if qualified in HMAC_CONSTRUCTORS:
        data = [arg for arg in (call_argument(call, 0, "key"), call_argument(call, 1, "msg"))
                if arg is not None]
        digest = call_argument(call, 2, "digestmod" if qualified != "hmac.digest" else "digest")
        return HashCall(qualified, _hmac_algorithm(semantic, digest), data, is_hmac=True,
                        constructor=call)
    if qualified in (CRYPTOGRAPHY_HASH, CRYPTOGRAPHY_HMAC):
        algorithm = digest_of(semantic, call_argument(call, 0, "algorithm"))
        return HashCall(qualified, algorithm, [], is_hmac=qualified == CRYPTOGRAPHY_HMAC,
                        constructor=call)
    return _pycryptodome_call(call, qualified)


def fast_hash_call(semantic: SemanticModel, call: ast.Call) -> Optional[HashCall]:
    """A fast hash applied to data: a constructor with data, or `.update(data)` on a hash
    object (`h = hashlib.sha256(); h.update(password)`)."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "update" and call.args:
        receiver = semantic.qualified_name(func.value)
        if receiver is None or not receiver.endswith("()"):
            return None
        constructor = _constructor_of(semantic, func.value)
        built = construct_hash(semantic, constructor) if constructor is not None else None
        base = receiver[:-2]
        if built is None and not _is_hash_constructor_name(base):
            return None
        algorithm = built.algorithm if built is not None else None
        is_hmac = built.is_hmac if built is not None else base == CRYPTOGRAPHY_HMAC
        return HashCall(f"{base}().update", algorithm, [call.args[0]], is_hmac=is_hmac,
                        constructor=constructor)
    return construct_hash(semantic, call)


def _is_hash_constructor_name(qualified: str) -> bool:
    if qualified in (CRYPTOGRAPHY_HASH, CRYPTOGRAPHY_HMAC) or qualified in HMAC_CONSTRUCTORS:
        return True
    if qualified.startswith("hashlib."):
        return qualified[len("hashlib."):] in FAST_HASHLIB or qualified == "hashlib.new"
    return qualified.startswith(PYCRYPTODOME_ROOTS) and qualified.endswith(".new")


def _constructor_of(semantic: SemanticModel, receiver: ast.expr) -> Optional[ast.Call]:
    if isinstance(receiver, ast.Call):
        return receiver
    if isinstance(receiver, ast.Name):
        value = semantic.value_of(receiver.id)
        if isinstance(value, ast.Call):
            return value
    return None


def keyword_is_false(call: Optional[ast.Call], name: str) -> bool:
    if call is None:
        return False
    for item in call.keywords:
        if item.arg == name and isinstance(item.value, ast.Constant) \
                and item.value.value is False:
            return True
    return False


# ====================================================================== shared rule base
class _PasswordRule(Rule):
    """Helpers every BL4xx rule uses; not a rule itself (no `code`)."""

    practice = "password-hashing"
    options_class = PasswordHashingOptions

    @property
    def settings(self) -> PasswordHashingOptions:
        assert isinstance(self.options, PasswordHashingOptions)
        return self.options

    @property
    def model(self) -> SemanticModel:
        return self.ctx.semantic

    def password_name(self, name: Optional[str]) -> bool:
        return bool(name) and is_password_name(name or "", self.settings.password_names)

    def secret_name(self, name: Optional[str]) -> bool:
        return bool(name) and is_secret_name(name or "", self.settings.secret_names)

    def password_leaf(self, leaves: Iterable[ast.expr]) -> Optional[str]:
        """The first leaf that is a password as typed. Stored hashes (`hashed_password`,
        `user.password` of a user row) are left out: hashing a stored hash, say to bind a
        reset token to the current password, stores no password."""
        for leaf in leaves:
            name = leaf_name(self.model, leaf)
            if not self.password_name(name) or is_hash_name(name or ""):
                continue
            holder = _holder(leaf)
            if holder is not None and self.is_stored_holder(holder):
                continue
            return name
        return None

    def statement(self) -> Optional[ast.stmt]:
        stack = self.ctx.statement_stack
        return stack[-1] if stack else None

    def function_name(self) -> Optional[str]:
        function = self.model.current_function()
        return function.name if function is not None else None

    def class_bases(self, cls: Optional[ast.ClassDef]) -> list[str]:
        if cls is None:
            return []
        names = [self.model.qualified_name(base) for base in cls.bases]
        return [name for name in names if name]

    def is_stored_holder(self, holder: ast.expr) -> bool:
        """Whether an object holds stored credentials: a user row, or `self` in a user or ORM
        model class."""
        if isinstance(holder, ast.Name) and holder.id == "self":
            cls = self.model.enclosing_class()
            return cls is not None and (is_user_model_class_name(cls.name)
                                        or any(_is_orm_base(base)
                                               for base in self.class_bases(cls)))
        return is_stored_holder_chain(_chain_names(holder))

    def in_test_code(self) -> bool:
        """A test module, or a test configuration class or function (`TestingConfig`,
        `test_login`): Flask and Django docs lower the cost there on purpose."""
        if is_test_path(self.ctx.path):
            return True
        return any(_is_test_name(getattr(scope.node, "name", ""))
                   for scope in self.model.iter_scopes())


@lru_cache(maxsize=4096)
def _is_test_name(name: str) -> bool:
    return bool(name) and any(word in _TEST_NAME_WORDS for word in components(name))


def _derives_from_parameters(semantic: SemanticModel, leaves: Iterable[ast.expr]) -> bool:
    for leaf in leaves:
        if isinstance(leaf, ast.Name) and leaf.id not in ("self", "cls"):
            binding = semantic.lookup(leaf.id)
            if binding is not None and binding.kind == "param":
                return True
    return False


# Short on purpose: the rule's page lists the parameters (`backendlint rule BL401`).
_OWASP_ADVICE = "use argon2id, scrypt, bcrypt or PBKDF2 (`argon2.PasswordHasher()`)"


# ====================================================================== BL401
class FastHashOnPassword(_PasswordRule):
    """## What it does
    Checks for a fast hash (`hashlib.md5/sha1/sha256/sha512/sha3_*/blake2*`, `hashlib.new`,
    `hmac`, pycryptodome `Crypto.Hash.*`, `cryptography` `hashes.Hash`) applied to a password:
    the hashed data is a password-like name, attribute, key or parameter (`password`,
    `passwd`, `pwd`, `passphrase`, `pin`, ...; directly, through `.encode()`, concatenation
    with a salt, f-strings or local variables), the digest is stored in a password-like name,
    or the hash runs on a parameter of a password function (`hash_password`, `set_password`,
    `check_password`, `verify_password`, `make_password`, a Django hasher's `encode`).
    `h = hashlib.sha256(); h.update(password)` counts too.

    ## Why is this bad?
    General-purpose hashes are built to be fast: a GPU tries billions of SHA-256 guesses per
    second, so a leaked table of salted SHA-256 passwords falls to a dictionary attack in
    hours. Passwords need a deliberately slow, memory-hard function. The OWASP Password
    Storage Cheat Sheet recommends Argon2id (19 MiB, 2 passes), scrypt (N=2**17, r=8, p=1),
    bcrypt (cost 10 or more), or PBKDF2-HMAC-SHA256 with 600,000 iterations.

    A SHA-1 of a password inside a Have I Been Pwned range check (`pwned`, `breach` in the
    function name, or a function that calls `api.pwnedpasswords.com`) is not reported.

    ## Example
    ```python
    import hashlib


    def hash_password(password: str, salt: bytes) -> str:
        return hashlib.sha256(salt + password.encode()).hexdigest()
    ```

    Use instead:
    ```python
    from argon2 import PasswordHasher

    hasher = PasswordHasher()


    def hash_password(password: str) -> str:
        return hasher.hash(password)
    ```

    ## Options
    - `password-names` in `[tool.backendlint.password-hashing]`: extra regular expressions
      (searched in lowercased names and keys) that mark a value as a password, e.g.
      `["^secret_answer$"]`.

    ## Fix safety
    There is no fix: moving to a slow hash changes the stored format and needs a migration
    (rehash on next login).
    """

    code = "BL401"
    name = "fast-hash-on-password"
    severity = Severity.ERROR
    confidence = "medium"
    cwe = 916
    requires_any_text = ("hashlib", "hmac", "Crypto", "cryptography")

    def visit_Call(self, node: ast.Call) -> None:
        hashed = fast_hash_call(self.model, node)
        if hashed is None:
            return
        reason = self._reason(node, hashed)
        if reason is not None:
            self.report(node, f"`{short(hashed.api)}` {reason}: fast hashes are guessed "
                              f"billions of times a second; {_OWASP_ADVICE}")

    def _reason(self, node: ast.Call, hashed: HashCall) -> Optional[str]:
        function = self.function_name() or ""
        if is_breach_check(function) or self._calls_breach_api():
            return None
        leaves = [leaf for data in hashed.data for leaf in data_leaves(self.model, data)]
        if not leaves:
            return None
        name = self.password_leaf(leaves)
        if name is not None:
            return f"hashes the password `{name}`"
        if not is_random_source(self.model, leaves):
            for stored in stored_names(self.model, self.statement(), node):
                if stored == function:
                    if self._in_password_function(function):
                        return f"makes the result of the password function `{function}()`"
                elif self.password_name(stored):
                    return f"makes the password hash `{stored}`"
        if self._in_password_function(function) and \
                _derives_from_parameters(self.model, leaves):
            return f"hashes the input of the password function `{function}()`"
        return None

    def _calls_breach_api(self) -> bool:
        function = self.model.current_function()
        return function is not None and "pwnedpasswords" in self.ctx.source.segment(function)

    def _in_password_function(self, function: str) -> bool:
        if not function:
            return False
        if is_password_function(function):
            return True
        if function in ("encode", "verify", "hash", "salted_hash"):
            bases = self.class_bases(self.model.enclosing_class())
            return any(base.startswith((DJANGO_HASHERS, "passlib.")) for base in bases)
        return False


# ====================================================================== BL402
class BrokenHashForSecret(_PasswordRule):
    """## What it does
    Checks for MD5 or SHA-1 (`hashlib.md5`, `hashlib.sha1`, `hashlib.new("md5")`,
    pycryptodome `MD5`/`SHA1`, `cryptography` `hashes.MD5()`/`hashes.SHA1()`) used for a
    security token, signature, API key or secret: the digest is stored in or returned from a
    name like `token`, `signature`, `api_key`, `nonce`, `session_id`, `reset_code`, the hashed
    data is such a name (e.g. `SECRET_KEY`), or the enclosing function is named like one
    (`generate_token`, `sign_request`).

    Calls with `usedforsecurity=False`, digests of unpredictable input (`os.urandom`,
    `secrets`, `uuid4`), and digests stored in or computed by names about cache keys, ETags,
    checksums, files or content, are not reported: those uses are fine.

    ## Why is this bad?
    MD5 and SHA-1 have practical collision attacks, and a token derived from guessable input
    (`md5(user_id + time)`) can be recomputed by anyone. Random tokens come from `secrets`;
    signatures need an HMAC with SHA-256 (`hmac.new(key, msg, "sha256")`).

    ## Example
    ```python
    import hashlib
    import time


    def issue_reset_token(user_id: int) -> str:
        token = hashlib.md5(f"{user_id}:{time.time()}".encode()).hexdigest()
        return token
    ```

    Use instead:
    ```python
    import secrets


    def issue_reset_token(user_id: int) -> str:
        token = secrets.token_urlsafe(32)
        return token
    ```

    ## Options
    - `secret-names` in `[tool.backendlint.password-hashing]`: extra regular expressions
      (searched in lowercased names) that mark a digest as a security value.

    ## Fix safety
    There is no fix: the replacement depends on whether the value is a random token or a
    signature.
    """

    code = "BL402"
    name = "broken-hash-for-secret"
    severity = Severity.ERROR
    confidence = "medium"
    cwe = 328
    requires_any_text = ("hashlib", "Crypto", "cryptography")

    def visit_Call(self, node: ast.Call) -> None:
        hashed = fast_hash_call(self.model, node)
        if hashed is None or hashed.is_hmac or hashed.algorithm not in BROKEN_ALGORITHMS:
            return
        if keyword_is_false(hashed.constructor, "usedforsecurity"):
            return
        leaves = [leaf for data in hashed.data for leaf in data_leaves(self.model, data)]
        if not leaves or self.password_leaf(leaves) is not None:
            return  # no data yet, or a password: BL401's finding
        if is_random_source(self.model, leaves, _CRYPTO_RANDOM):
            return
        context = self._secret_context(node, leaves)
        if context is not None:
            algorithm = hashed.algorithm.upper().replace("SHA", "SHA-")
            self.report(node, f"`{short(hashed.api)}` ({algorithm}) {context}; MD5 and SHA-1 "
                              f"are broken: use `secrets.token_urlsafe()` or HMAC-SHA256 "
                              f"(`usedforsecurity=False` if not for security)")

    def _secret_context(self, node: ast.Call, leaves: list[ast.expr]) -> Optional[str]:
        names = stored_names(self.model, self.statement(), node)
        function = self.function_name() or ""
        if any(is_non_security_name(name) for name in names) or is_non_security_name(function):
            return None
        for name in names:
            if self.secret_name(name):
                return f"makes the security value `{name}`"
        if names:
            for leaf in leaves:
                leaf_id = leaf_name(self.model, leaf)
                if self.secret_name(leaf_id):
                    return f"hashes the secret `{leaf_id}`"
        if self.secret_name(function):
            return f"computes a security value in `{function}()`"
        return None


# ====================================================================== BL403
_PBKDF2_CALLS = {
    "hashlib.pbkdf2_hmac": ("hash_name", 0, "iterations", 3),
    "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC": ("algorithm", 0, "iterations", 3),
}
_SCRYPT_CALLS = {
    "hashlib.scrypt": (None, None),
    "cryptography.hazmat.primitives.kdf.scrypt.Scrypt": (2, 4),
}
# (time_cost index, memory_cost index, defaults used when an argument is left out)
_ARGON2_CALLS = {
    "argon2.PasswordHasher": (0, 1),
    "argon2.low_level.hash_secret": (2, 3),
    "argon2.low_level.hash_secret_raw": (2, 3),
    "argon2.hash_password": (2, 3),
    "argon2.hash_password_raw": (2, 3),
}
_ARGON2_DEFAULT_TIME = 3
_ARGON2_DEFAULT_MEMORY = 65_536
# Django's Argon2PasswordHasher: time_cost 2, memory_cost 102,400 KiB.
_DJANGO_ARGON2_DEFAULTS = (2, 102_400)
_BCRYPT_CALLS = {
    "bcrypt.gensalt": 0,
    "flask_bcrypt.generate_password_hash": 1,
    "flask_bcrypt.Bcrypt().generate_password_hash": 1,
}
_WERKZEUG_HASH = ("werkzeug.security.generate_password_hash", "werkzeug.generate_password_hash")


def werkzeug_method(semantic: SemanticModel, call: ast.Call) -> Optional[str]:
    if semantic.qualified_name(call.func) not in _WERKZEUG_HASH:
        return None
    return constant_str(semantic, call_argument(call, 1, "method"))


def digest_of(semantic: SemanticModel, expr: Optional[ast.expr]) -> Optional[str]:
    """`"sha256"`, `hashes.SHA256()` or `hashlib.sha256` → "sha256"."""
    text = constant_str(semantic, expr)
    if text is not None:
        return text.lower().replace("-", "")
    if expr is None:
        return None
    qualified = semantic.qualified_name(expr) or ""
    last = qualified.rsplit(".", 1)[-1].replace("()", "").lower()
    return last or None


class WeakKeyDerivationParameters(_PasswordRule):
    """## What it does
    Checks for password-hashing functions configured below the OWASP Password Storage Cheat
    Sheet minimums:

    - `hashlib.pbkdf2_hmac` / `cryptography` `PBKDF2HMAC` with fewer than 600,000 iterations
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
    (`ITERATIONS = 1000`). Library defaults are never reported. Test code (paths with a
    `test`/`tests`/`conftest` component, classes and functions named like `TestingConfig` or
    `test_login`) is skipped: test suites lower the cost on purpose.

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
    confidence = "high"
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
        index = _KDF_DATA_ARGUMENT.get(qualified)
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
        if qualified in _PBKDF2_CALLS:
            return self._pbkdf2(node, qualified)
        if qualified in _SCRYPT_CALLS:
            return self._scrypt(node, qualified)
        if qualified in _ARGON2_CALLS:
            time_index, memory_index = _ARGON2_CALLS[qualified]
            return self._argon2(short(qualified),
                                call_argument(node, time_index, "time_cost"),
                                call_argument(node, memory_index, "memory_cost"))
        if qualified in _BCRYPT_CALLS:
            return self._bcrypt(qualified, call_argument(node, _BCRYPT_CALLS[qualified],
                                                         "rounds"))
        if qualified in _WERKZEUG_HASH:
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
        digest_key, digest_index, iterations_key, iterations_index = _PBKDF2_CALLS[qualified]
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

    def _scrypt(self, node: ast.Call, qualified: str) -> Optional[str]:
        n_index, p_index = _SCRYPT_CALLS[qualified]
        n = constant_int(self.model, call_argument(node, n_index, "n"))
        p = constant_int(self.model, call_argument(node, p_index, "p"))
        if n is None or not self.scrypt_is_weak(n, p if p is not None else 1):
            return None
        return (f"`{short(qualified)}` with n={n:,}: OWASP asks for n=2**17 "
                f"({self.settings.min_scrypt_n:,}) with r=8, p=1 (or an equivalent trade-off); "
                f"raise `n` (option `min-scrypt-n`)")

    def _argon2(self, api: str, time_expr: Optional[ast.expr], memory_expr: Optional[ast.expr],
                defaults: tuple[int, int] = (_ARGON2_DEFAULT_TIME, _ARGON2_DEFAULT_MEMORY)
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
                f"{options.min_argon2_time_cost} passes; keep argon2-cffi's defaults")

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
        values = _class_constants(node)
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
                                   _DJANGO_ARGON2_DEFAULTS)
            if problem is not None:
                anchor = values.get("memory_cost") or values["time_cost"]
                self.report(anchor, problem)

    def _report_django(self, expr: ast.expr, base: str, setting: str, minimum: int) -> None:
        value = constant_int(self.model, expr)
        if value is not None and value < minimum:
            # Quote the value as written (`50_000`), since it is shown as code.
            written = self.ctx.source.segment(expr) or str(value)
            self.report(expr, f"`{setting} = {written}` lowers Django's `{base}` below the "
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


def _class_constants(node: ast.ClassDef) -> dict[str, ast.expr]:
    values: dict[str, ast.expr] = {}
    for statement in node.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                and statement.value is not None:
            values[statement.target.id] = statement.value
    return values


# ====================================================================== BL404
_WERKZEUG_KDFS = ("pbkdf2", "scrypt")


class WeakPasswordHasherConfiguration(_PasswordRule):
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

    Weak schemes later in the list (kept to verify old hashes) are fine. Test code (paths with
    a `test`/`tests`/`conftest` component, classes like `TestingConfig`) is skipped: Django
    recommends MD5 to speed up tests.

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
    confidence = "high"
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
            self.report(node, "The `crypt` module hashes with the platform's crypt(3) (DES or "
                              "MD5 by default) and is gone in Python 3.13; use argon2-cffi, "
                              "bcrypt or `hashlib.scrypt`")

    def visit_Call(self, node: ast.Call) -> None:
        if self.in_test_code():
            return
        qualified = self.model.qualified_name(node.func) or ""
        problem: Optional[str] = None
        if qualified == "passlib.context.CryptContext":
            problem = self._crypt_context(node)
        elif qualified.startswith("passlib.hash."):
            scheme, _, method = qualified[len("passlib.hash."):].partition(".")
            if scheme in WEAK_PASSLIB_SCHEMES and method in ("hash", "encrypt", "using",
                                                               "genhash"):
                problem = (f"passlib `{scheme}` is a weak password scheme; hash with "
                           f"`argon2`, `bcrypt` or `pbkdf2_sha256`")
        elif qualified in _WERKZEUG_HASH:
            hash_method = werkzeug_method(self.model, node)
            if hash_method is not None and hash_method.split(":")[0] not in _WERKZEUG_KDFS:
                problem = (f"`generate_password_hash(method={hash_method!r})` stores one fast "
                           f"hash round; use werkzeug's default (`scrypt`) or `pbkdf2`")
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("update",
                                                                         "from_mapping"):
            problem = self._flask_security_keywords(node)
        if problem is not None:
            self.report(node, problem)

    def _crypt_context(self, node: ast.Call) -> Optional[str]:
        schemes = string_items(self.model, call_argument(node, 0, "schemes"))
        default = constant_str(self.model, call_argument(node, None, "default"))
        if default is None and schemes:
            default = schemes[0]
        if default is None or default not in WEAK_PASSLIB_SCHEMES:
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


# ====================================================================== BL405
def _is_inert(semantic: SemanticModel, expr: ast.expr) -> bool:
    """Operands a timing attack cannot exploit: literals, None and lengths."""
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Call):
        return semantic.qualified_name(expr.func) in ("builtins.len", "builtins.bool")
    return False


class TimingUnsafePasswordComparison(_PasswordRule):
    """## What it does
    Checks for a stored password or password hash compared with `==` or `!=`:
    `user.password == password`, `row["password_hash"] != sha256(raw)`,
    `account.pin == pin`. A side counts as stored when it is a password-like attribute, key or
    `.get()` of a user-like object (`user`, `account`, `request.user`, `row`, `record`, `self`
    in a model class) or a local name that holds such a value or is named like a hash
    (`hashed_password`).

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
    confidence = "medium"
    cwe = 208
    requires_any_text = ("assw", "ASSW", "pw", "PW", "Pw", "pin", "PIN", "Pin", "hrase", "HRASE",
                         "asscode")

    def visit_Compare(self, node: ast.Compare) -> None:
        if self.in_test_code() or isinstance(self.statement(), ast.Assert):
            return
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if not isinstance(op, (ast.Eq, ast.NotEq)):
                continue
            if _is_inert(self.model, left) or _is_inert(self.model, right):
                continue
            stored = self.stored_secret(left) or self.stored_secret(right)
            if stored is not None:
                operator = "==" if isinstance(op, ast.Eq) else "!="
                self.report(node, f"`{stored}` is compared with `{operator}`, which leaks "
                                  f"timing; use `hmac.compare_digest()` or the password "
                                  f"hasher's `verify()`/`check_password()`")
                return

    def stored_secret(self, expr: ast.expr, depth: int = 0) -> Optional[str]:
        """The source text of a stored password or hash, or None."""
        if depth > 3:
            return None
        if isinstance(expr, ast.Name):
            if self.password_name(expr.id) and is_hash_name(expr.id):
                return expr.id
            value = self.model.value_of(expr.id)
            return self.stored_secret(value, depth + 1) if value is not None else None
        holder = _holder(expr)
        key = leaf_name(self.model, expr) if holder is not None else None
        if holder is None or not self.password_name(key):
            return None
        if self.is_stored_holder(holder):
            return self.ctx.source.segment(expr) or key
        return None



def is_stored_holder_chain(names: list[str]) -> bool:
    """`request.user`, `db_user`, `account`, `row` hold stored values; `user_in`, `form`,
    `payload` hold input."""
    return any(is_user_model_class_name(name) for name in names)


def _holder(expr: ast.expr) -> Optional[ast.expr]:
    """The object a password is read from: `user` in `user.password`, `row["pw"]`,
    `user.get("password")`."""
    if isinstance(expr, (ast.Attribute, ast.Subscript)):
        return expr.value
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr in _GETTERS:
        return expr.func.value
    return None


def _chain_names(expr: ast.expr) -> list[str]:
    """`request.user` → ["request", "user"]; `get_user(id)` → ["get_user"];
    `User.objects.get(pk=1)` → ["User", "objects", "get"]."""
    names: list[str] = []
    current: Optional[ast.expr] = expr
    for _ in range(_MAX_DEPTH):
        if isinstance(current, ast.Attribute):
            names.append(current.attr)
            current = current.value
        elif isinstance(current, ast.Call):
            current = current.func
        elif isinstance(current, ast.Subscript):
            current = current.value
        elif isinstance(current, ast.Name):
            names.append(current.id)
            break
        else:
            break
    return names[::-1]


_ORM_PREFIXES = ("django.db.models.", "django.contrib.auth.", "sqlalchemy.", "flask_sqlalchemy.",
                 "sqlmodel.", "peewee.", "tortoise.", "mongoengine.", "pony.", "ormar.",
                 "beanie.", "odmantic.")


def _is_orm_base(qualified: str) -> bool:
    if qualified.startswith(_ORM_PREFIXES):
        return True
    # `db = SQLAlchemy()` then `class User(db.Model)`; `Base = declarative_base()`.
    return qualified.endswith(".Model") and "sqlalchemy" in qualified.lower()


# ====================================================================== BL406
_DJANGO = ("django",)
_SCHEMA_BASES = ("pydantic.", "marshmallow.", "msgspec.", "attr.", "attrs.", "typing.",
                 "dataclasses.", "rest_framework.", "ninja.", "wtforms.", "flask_wtf.")


class PlaintextPasswordStorage(_PasswordRule):
    """## What it does
    Checks for a plaintext password stored in a model field: a password-like value read from
    a parameter or a request (`form.password.data`, `request.POST["password"]`,
    `payload.password`, `data.get("password")`) assigned, without passing through a hasher,
    to a password-like attribute of a user-like object (`user.password = ...`,
    `account.password_hash = ...`, `self.password = ...` in a model class), passed to a user
    model constructor (`User(password=raw)`), or to Django's
    `User.objects.create(password=raw)` (unlike `create_user`, it does not hash).

    In Django modules `user.password = raw` is always reported: the field holds the hash, and
    `set_password()` writes it. Elsewhere the project pass reports a store only when some
    module of the project declares an ORM model (SQLAlchemy, Flask-SQLAlchemy, SQLModel,
    Django, peewee, tortoise, mongoengine: a model base, `__tablename__` or column calls) with
    a column of that name, and no module hashes in a property setter (`@password.setter`,
    `password = property(get, set)`, also inside `synonym(..., descriptor=...)`) or a
    SQLAlchemy `@validates("password")`. In-memory objects and input schemas are left
    alone.

    ## Why is this bad?
    A database leak (a backup, a SQL injection, a log of the row) hands out every user's
    password, and users reuse them elsewhere.

    ## Example
    ```python
    from django.contrib.auth.models import User


    def register(request):
        user = User(username=request.POST["username"])
        user.password = request.POST["password"]
        user.save()
    ```

    Use instead:
    ```python
    from django.contrib.auth.models import User


    def register(request):
        user = User(username=request.POST["username"])
        user.set_password(request.POST["password"])
        user.save()
    ```

    ## Options
    - `password-names` in `[tool.backendlint.password-hashing]`: extra name patterns.

    ## Fix safety
    There is no fix: the hasher to call depends on the framework.
    """

    code = "BL406"
    name = "plaintext-password-storage"
    severity = Severity.ERROR
    confidence = "medium"
    cwe = 256
    project_level = True
    requires_any_text = TimingUnsafePasswordComparison.requires_any_text

    # -------------------------------------------------------------- hashing setters
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._collect_setters(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._collect_setters(node)

    def _collect_setters(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> None:
        for decorator in node.decorator_list:
            for attr in self._setter_targets(decorator):
                facts = self.ctx.practice_facts(self.practice)
                setters: list[str] = facts.setdefault("setters", [])
                if attr not in setters:
                    setters.append(attr)

    def _setter_targets(self, decorator: ast.expr) -> list[str]:
        if isinstance(decorator, ast.Attribute) and decorator.attr == "setter" \
                and isinstance(decorator.value, ast.Name):
            return [decorator.value.id]
        if isinstance(decorator, ast.Call):
            qualified = self.model.qualified_name(decorator.func) or ""
            if qualified.endswith("validates"):
                return [arg.value for arg in decorator.args
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        return []

    def _collect_property_setters(self, node: ast.ClassDef) -> None:
        """`password = property(_get_password, _set_password)`, also wrapped as SQLAlchemy
        does it (`db.synonym("_password", descriptor=property(get, set))`): a setter that
        may hash, like `@password.setter`."""
        for statement in node.body:
            if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)):
                continue
            name = statement.targets[0].id
            if self.password_name(name) and any(
                    self._is_property_with_setter(call) for call in ast.walk(statement.value)):
                setters: list[str] = self.ctx.practice_facts(self.practice).setdefault(
                    "setters", [])
                if name not in setters:
                    setters.append(name)

    def _is_property_with_setter(self, node: ast.AST) -> bool:
        return (isinstance(node, ast.Call)
                and self.model.qualified_name(node.func) == "builtins.property"
                and (len(node.args) >= 2 or any(k.arg == "fset" for k in node.keywords)))

    # -------------------------------------------------------------- ORM columns
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._collect_property_setters(node)
        if not self._is_orm_class(node):
            return
        facts = self.ctx.practice_facts(self.practice)
        fields: list[str] = facts.setdefault("orm_fields", [])
        for name in (*_class_constants(node), *_class_annotations(node)):
            if self.password_name(name) and name not in fields:
                fields.append(name)

    def _is_orm_class(self, node: ast.ClassDef) -> bool:
        if any(_is_orm_base(base) for base in self.class_bases(node)):
            return True
        values = _class_constants(node)
        if "__tablename__" in values or "__collection__" in values:
            return True
        if any(isinstance(value, ast.Call) and (self.model.qualified_name(value.func) or "")
               .startswith(_ORM_PREFIXES) for value in values.values()):
            return True
        # SQLAlchemy 2.0: `hashed_password: Mapped[str]` on a base declared elsewhere.
        return any((self.model.qualified_name(_subscript_base(annotation)) or "")
                   .startswith("sqlalchemy.") for annotation in
                   _class_annotations(node).values())

    # -------------------------------------------------------------- stores
    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            # A private attribute (`self._password` in Django's set_password) keeps the raw
            # value in memory for a signal; it is not a stored field.
            if isinstance(target, ast.Attribute) and not target.attr.startswith("_") \
                    and self.password_name(target.attr):
                self._check_attribute(target, node.value)

    def _check_attribute(self, target: ast.Attribute, value: ast.expr) -> None:
        source = self.plaintext(value)
        if source is None:
            return
        verdict = self._holder_verdict(target.value, target.attr)
        if verdict is None:
            return
        message = (f"`{self.ctx.source.segment(target)}` is assigned the plaintext "
                   f"`{source}`; {self._advice()}")
        self._emit(target, target.attr, message, immediate=verdict)

    def _holder_verdict(self, holder: ast.expr, attr: str) -> Optional[bool]:
        """True: report now; False: report unless the project hashes in a setter; None: the
        holder is not a stored user."""
        if isinstance(holder, ast.Name) and holder.id == "self":
            cls = self.model.enclosing_class()
            bases = self.class_bases(cls)
            if any(base.startswith("django.") for base in bases):
                return True
            return False if any(_is_orm_base(base) for base in bases) else None
        names = _chain_names(holder)
        if not names or not is_user_model_class_name(names[-1]):
            return None
        django = self.model.imports_any(_DJANGO)
        return bool(django and attr == "password")

    def visit_Call(self, node: ast.Call) -> None:
        password = self._password_keyword(node)
        if password is None:
            return
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "create" \
                and isinstance(func.value, ast.Attribute) and func.value.attr == "objects":
            if self.model.imports_any(_DJANGO):
                self._report_keyword(node, password, "`objects.create()` does not hash; use "
                                                     "`objects.create_user()`", True)
            return
        verdict = self._constructor_verdict(func)
        if verdict is not None:
            self._report_keyword(node, password, self._advice(), verdict)

    def _password_keyword(self, node: ast.Call) -> Optional[tuple[ast.keyword, str]]:
        for item in node.keywords:
            if item.arg and self.password_name(item.arg):
                source = self.plaintext(item.value)
                if source is not None:
                    return item, source
        return None

    def _report_keyword(self, node: ast.Call, password: tuple[ast.keyword, str], advice: str,
                        immediate: bool) -> None:
        keyword, source = password
        message = f"`{keyword.arg}=` receives the plaintext `{source}`; {advice}"
        self._emit(node, keyword.arg or "", message, immediate=immediate)

    def _constructor_verdict(self, func: ast.expr) -> Optional[bool]:
        class_name = func.attr if isinstance(func, ast.Attribute) else \
            func.id if isinstance(func, ast.Name) else ""
        if not is_user_model_class_name(class_name):
            return None
        binding = self.model.lookup(class_name) if isinstance(func, ast.Name) else None
        if binding is not None and isinstance(binding.node, ast.ClassDef):
            bases = self.class_bases(binding.node)
            if any(base.startswith(_SCHEMA_BASES) for base in bases) or \
                    _is_dataclass(self.model, binding.node):
                return None
            if any(base.startswith("django.") for base in bases):
                return True
        qualified = self.model.qualified_name(func) or ""
        if qualified.startswith(_SCHEMA_BASES):
            return None
        return qualified.startswith("django.")

    def _advice(self) -> str:
        if self.model.imports_any(_DJANGO):
            return "call `user.set_password(raw)` (or `make_password`) instead"
        return ("hash it first (`generate_password_hash`, `bcrypt.hashpw`, "
                "`argon2.PasswordHasher().hash`)")

    def _emit(self, node: ast.AST, attr: str, message: str, immediate: bool) -> None:
        if self.ctx.is_test_file:
            return  # fixtures write raw or marker values (`"!"`) straight into test users
        if immediate:
            self.report(node, message)
            return
        facts = self.ctx.practice_facts(self.practice)
        facts.setdefault("stores", []).append(
            {"attr": attr, "location": self.ctx.location(node), "message": message})

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        facts = project.facts_of(cls.practice)
        setters = {name for _, module_facts in facts
                   for name in module_facts.get("setters", [])}
        columns = {name for _, module_facts in facts
                   for name in module_facts.get("orm_fields", [])}
        for module, module_facts in facts:
            for store in module_facts.get("stores", []):
                if store["attr"] in columns and store["attr"] not in setters:
                    project.report(cls, module["path"], store["location"], store["message"])

    # -------------------------------------------------------------- plaintext sources
    def plaintext(self, value: Optional[ast.expr], depth: int = 0) -> Optional[str]:
        """The source text of a value that is a password as typed, or None (a hasher's result,
        a constant, anything unknown)."""
        if value is None or depth > 4:
            return None
        if isinstance(value, ast.Name):
            return self._plaintext_name(value, depth)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in ("strip", "encode"):
            return self.plaintext(value.func.value, depth + 1)
        if isinstance(value, ast.Attribute) and value.attr == "data":
            return self.plaintext(value.value, depth + 1)
        holder = _holder(value)
        key = leaf_name(self.model, value) if holder is not None else None
        if holder is None or key is None or not self.password_name(key) or is_hash_name(key):
            return None
        # `user.password = other_user.password` copies a hash, it does not store a password.
        if is_stored_holder_chain(_chain_names(holder)):
            return None
        return self.ctx.source.segment(value) or key

    def _plaintext_name(self, value: ast.Name, depth: int) -> Optional[str]:
        binding: Optional[Binding] = self.model.lookup(value.id)
        if binding is None:
            return None
        if binding.kind in ("assign", "annassign"):
            return self.plaintext(binding.value, depth + 1)
        if binding.kind == "param" and self.password_name(value.id) \
                and not is_hash_name(value.id):
            return value.id
        return None


def _class_annotations(node: ast.ClassDef) -> dict[str, ast.expr]:
    return {statement.target.id: statement.annotation for statement in node.body
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)}


def _subscript_base(annotation: ast.expr) -> ast.expr:
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


def _is_dataclass(semantic: SemanticModel, node: ast.ClassDef) -> bool:
    return any((semantic.qualified_name(decorator) or "").startswith(("dataclasses.", "attr"))
               for decorator in node.decorator_list)
