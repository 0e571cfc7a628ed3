"""Production settings: strong default, legacy hashers kept to verify old hashes."""
from .settings import *  # noqa: F403

PASSWORD_HASHERS = (
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
)
