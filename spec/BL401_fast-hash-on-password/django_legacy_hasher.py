"""A Django project's legacy hasher and a breached-password validator."""
import hashlib

import requests
from django.contrib.auth.hashers import BasePasswordHasher
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare, get_random_string


class SaltedSHA1Hasher(BasePasswordHasher):
    algorithm = "legacy_sha1"

    def salt(self) -> str:
        return get_random_string(12)

    def encode(self, password: str, salt: str) -> str:
        hash_ = hashlib.sha1((salt + password).encode()).hexdigest()  # error: BL401
        return f"{self.algorithm}${salt}${hash_}"

    def verify(self, password: str, encoded: str) -> bool:
        _, salt, _ = encoded.split("$", 2)
        return constant_time_compare(encoded, self.encode(password, salt))


class PwnedPasswordValidator:
    """Rejects passwords found in breaches (k-anonymity range API, SHA-1 prefix only)."""

    def validate(self, password: str, user: object = None) -> None:
        if self.lookup(password):
            raise ValidationError("This password appeared in a data breach.")

    def lookup(self, password: str) -> bool:
        digest = hashlib.sha1(password.encode()).hexdigest().upper()
        prefix, suffix = digest[:5], digest[5:]
        response = requests.get(f"https://api.pwnedpasswords.com/range/{prefix}", timeout=5)
        return suffix in response.text
