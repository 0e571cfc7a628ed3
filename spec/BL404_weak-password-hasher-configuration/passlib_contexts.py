"""Password contexts of a FastAPI auth module."""
import crypt  # error: BL404

from passlib.context import CryptContext
from passlib.hash import md5_crypt, sha256_crypt

LEGACY_SCHEMES = ["md5_crypt", "bcrypt"]

legacy_context = CryptContext(schemes=LEGACY_SCHEMES)  # error: BL404
ldap_context = CryptContext(schemes="ldap_salted_sha1, ldap_md5")  # error: BL404
forced_default = CryptContext(schemes=["bcrypt", "hex_sha256"], default="hex_sha256")  # error: BL404

# Negatives: a strong default with weak schemes kept for verification only.
pwd_context = CryptContext(schemes=["argon2", "bcrypt", "md5_crypt"], deprecated="auto")
bcrypt_context = CryptContext(schemes=["bcrypt"])


def hash_legacy(password: str) -> str:
    return md5_crypt.hash(password)  # error: BL404


def verify_legacy(password: str, stored: str) -> bool:
    # Verifying old hashes during a migration is fine.
    return md5_crypt.verify(password, stored)


def unix_hash(password: str) -> str:
    return crypt.crypt(password, crypt.mksalt(crypt.METHOD_SHA512))


def sha_crypt(password: str) -> str:
    return sha256_crypt.hash(password)
