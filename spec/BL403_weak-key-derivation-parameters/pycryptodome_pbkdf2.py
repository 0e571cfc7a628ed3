"""pycryptodome's and PyCrypto's PBKDF2 run 1,000 iterations of HMAC-SHA1 unless told
otherwise: the library default is the weakness."""

from Crypto.Hash import SHA256, SHA512
from Crypto.Protocol.KDF import PBKDF2
from Cryptodome.Protocol import KDF

ITERATIONS = 700_000


def derive_default(password: str, salt: bytes) -> bytes:
    return PBKDF2(password, salt)  # error: BL403 "default of 1,000 iterations"


def derive_sha256(password: str, salt: bytes) -> bytes:
    return PBKDF2(password, salt, dkLen=32, count=10_000, hmac_hash_module=SHA256)  # error: BL403


def derive_dome(password: str, salt: bytes) -> bytes:
    return KDF.PBKDF2(password, salt, 32, 100_000)  # error: BL403 "SHA1"


def derive_prf(password: str, salt: bytes) -> bytes:
    return PBKDF2(password, salt, 64, 100_000, prf=lambda p, s: p + s)  # error: BL403


def derive_strong(password: str, salt: bytes) -> bytes:
    return PBKDF2(password, salt, 32, count=ITERATIONS, hmac_hash_module=SHA256)


def derive_sha512(password: str, salt: bytes) -> bytes:
    return PBKDF2(password, salt, 64, count=210_000, hmac_hash_module=SHA512)


def derive_sha1_enough(password: str, salt: bytes) -> bytes:
    return PBKDF2(password, salt, count=1_300_000)


def derive_unknown(password: str, salt: bytes, rounds: int) -> bytes:
    return PBKDF2(password, salt, count=rounds)
