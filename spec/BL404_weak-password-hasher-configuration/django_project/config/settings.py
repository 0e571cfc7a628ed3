"""Django settings of a project migrated from an old PHP site."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "accounts"]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",  # error: BL404
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
