"""bcrypt reads only the first 72 bytes of a password, so long passwords are first reduced
with SHA-256 or an HMAC keyed by a pepper, and the digest is what bcrypt hashes: that fast hash
is a pre-hash, not the password's storage. A fast hash stored on its own still is."""

import base64
import hashlib
import hmac

import bcrypt
from passlib.context import CryptContext

PEPPER = b"from-the-environment"
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")


def hash_password(password: str) -> bytes:
    digest = base64.b64encode(hashlib.sha256(password.encode()).digest())
    return bcrypt.hashpw(digest, bcrypt.gensalt())


def hash_password_peppered(password: str) -> bytes:
    prehashed = hmac.new(PEPPER, password.encode(), hashlib.sha256).hexdigest()
    return bcrypt.hashpw(prehashed.encode(), bcrypt.gensalt())


def check_password(password: str, stored: bytes) -> bool:
    return bcrypt.checkpw(base64.b64encode(hashlib.sha256(password.encode()).digest()), stored)


def passlib_hash(password: str) -> str:
    return pwd_context.hash(hashlib.sha512(password.encode()).hexdigest())


def store_sha256(password: str) -> str:
    password_hash = hashlib.sha256(password.encode()).hexdigest()  # error: BL401
    return password_hash


def log_then_bcrypt(password: str) -> bytes:
    fingerprint = hashlib.sha256(password.encode()).hexdigest()  # error: BL401
    print(fingerprint)
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())
