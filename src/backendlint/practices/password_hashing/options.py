"""`[tool.backendlint.password-hashing]`: the OWASP minimums (raise them as hardware gets
faster) and extra name patterns."""

from __future__ import annotations

from dataclasses import dataclass, field

from backendlint.core.practice import PracticeOptions
from backendlint.knowledge.hashing import (
    BCRYPT_DEFAULT_ROUNDS,
    OWASP_ARGON2_MEMORY_KIB,
    OWASP_ARGON2_TIME_COST,
    OWASP_PBKDF2_SHA1,
    OWASP_PBKDF2_SHA256,
    OWASP_PBKDF2_SHA512,
    OWASP_SCRYPT_N,
)


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
