"""BL401: a fast hash applied to a password (detected by the practice's HashingAnalysis)."""

from __future__ import annotations

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule

_OWASP_ADVICE = ("store passwords with argon2id, scrypt, bcrypt or PBKDF2 at current OWASP "
                 "parameters (e.g. `argon2.PasswordHasher()`, `bcrypt.hashpw`, or "
                 "PBKDF2-HMAC-SHA256 with 600,000 iterations)")


class FastHashOnPassword(Rule):
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

    Not reported: a SHA-1 of a password inside a Have I Been Pwned range check (`pwned`,
    `breach` in the function name, or a function that calls `api.pwnedpasswords.com`); a
    pre-hash whose digest a slow hasher then takes as the password (`bcrypt.hashpw(b64encode(
    sha256(pw).digest()), salt)`, an HMAC with a pepper before `bcrypt`, `argon2`, passlib or
    PBKDF2: bcrypt reads only 72 bytes); a digest used as an in-memory cache key
    (`cache_key = sha256(...)`, `self._cache[sha256(...)]`, a function named like
    `_cache_key`); a custom passlib handler's `_calc_checksum` is a password function; test
    code (test paths, `test_*` functions, `Testing*` classes) is skipped.

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
    confidence = Confidence.MEDIUM
    cwe = 916
    requires_any_text = ("hashlib", "hmac", "Crypto", "cryptography")

    @staticmethod
    def message(api: str, reason: str) -> str:
        return (f"`{api}` {reason}; a fast hash lets an attacker test billions of guesses per "
                f"second: {_OWASP_ADVICE}")
