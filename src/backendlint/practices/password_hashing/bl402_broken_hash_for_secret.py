"""BL402: MD5 or SHA-1 used for a security value (detected by the practice's
HashingAnalysis)."""

from __future__ import annotations

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule


class BrokenHashForSecret(Rule):
    """## What it does
    Checks for MD5 or SHA-1 (`hashlib.md5`, `hashlib.sha1`, `hashlib.new("md5")`,
    pycryptodome `MD5`/`SHA1`, `cryptography` `hashes.MD5()`/`hashes.SHA1()`) used for a
    security token, signature, API key or secret: the digest is stored in or returned from a
    name like `token`, `signature`, `api_key`, `nonce`, `session_id`, `reset_code`, the hashed
    data is such a name (e.g. `SECRET_KEY`), or the enclosing function is named like one
    (`generate_token`, `sign_request`).

    Calls with `usedforsecurity=False`, digests of unpredictable input (`os.urandom`,
    `secrets`, `uuid4`), and digests stored in or computed by names about cache keys, ETags,
    checksums, files or content, are not reported: those uses are fine. Test code (test
    paths, `test_*` functions, `Testing*` classes) is skipped.

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
    confidence = Confidence.MEDIUM
    cwe = 328
    requires_any_text = ("hashlib", "Crypto", "cryptography")

    @staticmethod
    def message(api: str, algorithm: str, context: str) -> str:
        spelled = algorithm.upper().replace("SHA", "SHA-")
        return (f"`{api}` ({spelled}) {context}; MD5 and SHA-1 are broken: use "
                f"`secrets.token_urlsafe()` for tokens and `hmac` with SHA-256 for signatures "
                f"(pass `usedforsecurity=False` if this is not a security control)")
