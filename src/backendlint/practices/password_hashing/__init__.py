"""password-hashing (BL4xx): Passwords hashed with fast or broken algorithms, weak parameters, timing-unsafe comparison, plaintext storage."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.password_hashing.analysis import HashingAnalysis
from backendlint.practices.password_hashing.options import PasswordHashingOptions

PRACTICE = Practice(
    name="password-hashing",
    prefix="BL4",
    summary="Passwords hashed with fast or broken algorithms, weak parameters, timing-unsafe comparison, plaintext storage.",
    options=PasswordHashingOptions,
    analysis=HashingAnalysis,
    # Skip a file on which none of the rules would run (their `requires_any_text`).
    gate=RULES_TEXT,
)
