"""Test suites lower the hashing cost on purpose; nothing is reported under tests/."""
import bcrypt
import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastTestHasher(PBKDF2PasswordHasher):
    iterations = 1


@pytest.fixture
def salt() -> bytes:
    return bcrypt.gensalt(rounds=4)
