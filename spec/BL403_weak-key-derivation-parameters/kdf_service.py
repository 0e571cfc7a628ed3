"""Password storage helpers of a FastAPI service, with several KDF settings."""
import hashlib
import os

import argon2
import bcrypt
from argon2 import PasswordHasher
from argon2.low_level import Type, hash_secret
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from passlib.context import CryptContext
from passlib.hash import bcrypt as passlib_bcrypt
from passlib.hash import pbkdf2_sha256
from werkzeug.security import generate_password_hash

PBKDF2_ROUNDS = 10_000
SCRYPT_COST = 2**14
LOG_ROUNDS = 10


def derive_legacy(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  # error: BL403


def derive_sha512(password: str, salt: bytes) -> bytes:
    iterations = 100_000
    return hashlib.pbkdf2_hmac("sha512", password.encode(), salt, iterations)  # error: BL403


def derive_sha1(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac(hash_name="sha1", password=password.encode(), salt=salt,  # error: BL403
                               iterations=600_000)


def scrypt_hash(password: str) -> bytes:
    salt = os.urandom(16)
    return hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_COST, r=8, p=1)  # error: BL403


def bcrypt_hash(password: str) -> bytes:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=LOG_ROUNDS))  # error: BL403


fast_hasher = PasswordHasher(time_cost=1, memory_cost=8 * 1024)  # error: BL403
low_level = hash_secret(b"pw", os.urandom(16), 2, 4096, 1, 32, Type.ID)  # error: BL403
kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=b"0" * 16, iterations=1000)  # error: BL403
quick_pbkdf2 = pbkdf2_sha256.using(rounds=29_000)  # error: BL403
quick_bcrypt = passlib_bcrypt.using(rounds=10)  # error: BL403
context = CryptContext(schemes=["pbkdf2_sha256"], pbkdf2_sha256__default_rounds=50_000)  # error: BL403


def werkzeug_hash(password: str) -> str:
    return generate_password_hash(password, method="pbkdf2:sha256:1000")  # error: BL403


def werkzeug_scrypt(password: str) -> str:
    return generate_password_hash(password, "scrypt:16384:8:1")  # error: BL403


# Negatives: library defaults and OWASP-compliant settings.

default_argon2 = PasswordHasher()
owasp_argon2 = argon2.PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
trade_off_argon2 = PasswordHasher(time_cost=3, memory_cost=12_288)
default_bcrypt = bcrypt.gensalt()
strong_bcrypt = bcrypt.gensalt(13)
strong_pbkdf2 = pbkdf2_sha256.using(rounds=600_000)
strong_context = CryptContext(schemes=["argon2", "bcrypt"], deprecated="auto")


def derive(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def derive_sha512_ok(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 210_000)


def scrypt_ok(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=2**17, r=8, p=1)


def scrypt_trade_off(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=2**16, r=8, p=2)


def werkzeug_default(password: str) -> str:
    return generate_password_hash(password)


def werkzeug_pbkdf2_default_rounds(password: str) -> str:
    return generate_password_hash(password, method="pbkdf2:sha256")
