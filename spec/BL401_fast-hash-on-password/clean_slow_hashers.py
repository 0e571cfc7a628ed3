from argon2 import PasswordHasher
from werkzeug.security import generate_password_hash

hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return hasher.hash(password)


def hash_with_werkzeug(password: str) -> str:
    return generate_password_hash(password)
