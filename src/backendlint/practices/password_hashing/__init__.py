"""password-hashing (BL4xx): Passwords hashed with fast or broken algorithms, weak parameters, timing-unsafe comparison, plaintext storage."""

from backendlint.core.practice import Practice
from backendlint.practices.password_hashing.analysis import HashingAnalysis
from backendlint.practices.password_hashing.options import PasswordHashingOptions

PRACTICE = Practice(
    name="password-hashing",
    prefix="BL4",
    summary="Passwords hashed with fast or broken algorithms, weak parameters, timing-unsafe comparison, plaintext storage.",
    options=PasswordHashingOptions,
    analysis=HashingAnalysis,
)
