"""Custom Django hashers of an accounts app."""
from django.contrib.auth import hashers
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    BCryptSHA256PasswordHasher,
    PBKDF2PasswordHasher,
)

FAST_ITERATIONS = 36_000


class LegacyPBKDF2Hasher(PBKDF2PasswordHasher):
    algorithm = "legacy_pbkdf2_sha256"
    iterations = FAST_ITERATIONS  # error: BL403


class CheapSHA1Hasher(hashers.PBKDF2SHA1PasswordHasher):
    iterations = 870_000  # error: BL403


class LowMemoryArgon2Hasher(Argon2PasswordHasher):
    memory_cost = 4096  # error: BL403
    time_cost = 2


class CheapBcryptHasher(BCryptSHA256PasswordHasher):
    rounds = 8  # error: BL403


# Negatives: raising the cost is always fine.


class StrongerPBKDF2Hasher(PBKDF2PasswordHasher):
    iterations = PBKDF2PasswordHasher.iterations * 2


class HardenedPBKDF2Hasher(PBKDF2PasswordHasher):
    iterations = 1_200_000


class HardenedArgon2Hasher(Argon2PasswordHasher):
    time_cost = 3
    memory_cost = 65_536


class LessMemoryArgon2Hasher(Argon2PasswordHasher):
    # OWASP's 12 MiB setting needs 3 passes; Django's default is 2.
    memory_cost = 12_288  # error: BL403


class TradeOffArgon2Hasher(Argon2PasswordHasher):
    memory_cost = 12_288
    time_cost = 3
