"""Hashing APIs and the numbers they are judged by: fast hash constructors, broken digests,
key-derivation functions with where their cost arguments sit, passlib schemes, Django and
Flask-Security hashers, and the OWASP Password Storage Cheat Sheet minimums."""

from __future__ import annotations

# ------------------------------------------------------------------ fast hashes
FAST_HASHLIB = frozenset({
    "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384",
    "sha3_512", "blake2b", "blake2s", "shake_128", "shake_256",
})
BROKEN_ALGORITHMS = frozenset({"md5", "sha1", "md4", "md2", "md5-sha1"})
# pycryptodome (`Crypto`) and pycryptodomex (`Cryptodome`) hash modules.
PYCRYPTODOME_HASHES = frozenset({
    "MD2", "MD4", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA3_224",
    "SHA3_256", "SHA3_384", "SHA3_512", "BLAKE2b", "BLAKE2s", "RIPEMD160", "keccak",
    "SHAKE128", "SHAKE256",
})
PYCRYPTODOME_ROOTS = ("Crypto.Hash.", "Cryptodome.Hash.")
HMAC_CONSTRUCTORS = frozenset({"hmac.new", "hmac.HMAC", "hmac.digest"})
CRYPTOGRAPHY_HASH = "cryptography.hazmat.primitives.hashes.Hash"
CRYPTOGRAPHY_HMAC = "cryptography.hazmat.primitives.hmac.HMAC"
CRYPTOGRAPHY_PREFIX = "cryptography.hazmat.primitives."

# What a digest is turned into on its way to storage: `.hexdigest()`, `b64encode(...)`.
DIGEST_METHODS = frozenset({"hexdigest", "digest", "decode", "encode", "upper", "lower", "hex"})
DIGEST_ENCODERS = frozenset({"base64.b64encode", "base64.urlsafe_b64encode", "base64.b32encode",
                             "base64.b16encode", "binascii.hexlify", "binascii.b2a_hex",
                             "codecs.encode", "builtins.str"})
# Inputs that make a digest a random value rather than a hash of a secret.
RANDOM_PREFIXES = ("os.urandom", "secrets.", "random.", "uuid.", "time.", "datetime.")
# Inputs an attacker cannot predict: a digest of them is a fine random token, whatever the hash.
CRYPTO_RANDOM_PREFIXES = ("os.urandom", "secrets.", "uuid.uuid4", "random.SystemRandom")

# ------------------------------------------------------------------ OWASP numbers
# OWASP Password Storage Cheat Sheet (2023 revision).
OWASP_PBKDF2_SHA256 = 600_000
OWASP_PBKDF2_SHA512 = 210_000
OWASP_PBKDF2_SHA1 = 1_300_000
OWASP_SCRYPT_N = 2 ** 17
OWASP_ARGON2_MEMORY_KIB = 19_456
OWASP_ARGON2_TIME_COST = 2
BCRYPT_DEFAULT_ROUNDS = 12
# OWASP's equivalent Argon2id settings that trade memory for passes (KiB, passes), relative to
# the 19 MiB / 2 passes baseline, and its scrypt settings that trade N for parallelism.
ARGON2_TRADE_OFFS = ((12_288, 3), (9_216, 4), (7_168, 5))
SCRYPT_TRADE_OFFS = ((2 ** 16, 2), (2 ** 15, 3), (2 ** 14, 5), (2 ** 13, 10))
# passlib's own defaults for SHA-crypt (OWASP gives no number for it).
SHA256_CRYPT_MIN_ROUNDS = 535_000
SHA512_CRYPT_MIN_ROUNDS = 656_000

# ------------------------------------------------------------------ key derivation calls
# Where the hashed data sits in the stdlib KDF calls (positional index; keyword `password`).
KDF_DATA_ARGUMENT = {"hashlib.pbkdf2_hmac": 1, "hashlib.scrypt": 0,
                     "Crypto.Protocol.KDF.PBKDF2": 0, "Cryptodome.Protocol.KDF.PBKDF2": 0}
# (digest keyword, digest index, iterations keyword, iterations index)
PBKDF2_CALLS = {
    "hashlib.pbkdf2_hmac": ("hash_name", 0, "iterations", 3),
    "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC": ("algorithm", 0, "iterations", 3),
}
# (n index, p index)
SCRYPT_CALLS: dict[str, tuple[int | None, int | None]] = {
    "hashlib.scrypt": (None, None),
    "cryptography.hazmat.primitives.kdf.scrypt.Scrypt": (2, 4),
}
# (time_cost index, memory_cost index)
ARGON2_CALLS = {
    "argon2.PasswordHasher": (0, 1),
    "argon2.low_level.hash_secret": (2, 3),
    "argon2.low_level.hash_secret_raw": (2, 3),
    "argon2.hash_password": (2, 3),
    "argon2.hash_password_raw": (2, 3),
}
ARGON2_DEFAULT_TIME = 3
ARGON2_DEFAULT_MEMORY = 65_536
# Django's Argon2PasswordHasher: time_cost 2, memory_cost 102,400 KiB.
DJANGO_ARGON2_DEFAULTS = (2, 102_400)
# The cost argument's position.
BCRYPT_CALLS = {
    "bcrypt.gensalt": 0,
    "flask_bcrypt.generate_password_hash": 1,
    "flask_bcrypt.Bcrypt().generate_password_hash": 1,
}
WERKZEUG_HASH = ("werkzeug.security.generate_password_hash", "werkzeug.generate_password_hash")
# werkzeug methods that are key-derivation functions; any other stores one fast round.
WERKZEUG_KDFS = ("pbkdf2", "scrypt")

# ------------------------------------------------------------------ hasher schemes
# passlib schemes that are fast, unsalted, or broken; none is fit as the default.
WEAK_PASSLIB_SCHEMES = frozenset({
    "md5_crypt", "apr_md5_crypt", "sun_md5_crypt", "des_crypt", "bsdi_crypt", "bigcrypt",
    "crypt16", "sha1_crypt", "ldap_md5", "ldap_sha1", "ldap_salted_md5", "ldap_salted_sha1",
    "ldap_salted_sha256", "ldap_salted_sha512", "ldap_plaintext", "ldap_hex_md5",
    "ldap_hex_sha1", "ldap_md5_crypt", "ldap_des_crypt", "ldap_bsdi_crypt", "ldap_sha1_crypt",
    "hex_md4", "hex_md5", "hex_sha1", "hex_sha256", "hex_sha512", "plaintext",
    "roundup_plaintext", "mysql323", "mysql41", "postgres_md5", "oracle10", "oracle11",
    "mssql2000", "mssql2005", "lmhash", "nthash", "bsd_nthash", "msdcc", "msdcc2", "htdigest",
    "cisco_pix", "cisco_asa", "cisco_type7", "django_salted_md5", "django_salted_sha1",
    "django_des_crypt", "django_disabled", "unix_disabled", "atlassian_pbkdf2_sha1",
    "fshp", "dlitz_pbkdf2_sha1", "grub_pbkdf2_sha512", "phpass",
})
# passlib's preset contexts whose default scheme is one of those (`phpass_context` hashes
# with phpass, iterated MD5; `mysql_context` with MySQL 4.1's unsalted double SHA-1).
WEAK_PASSLIB_APP_CONTEXTS = {
    "passlib.apps.phpass_context": "phpass", "passlib.apps.phpbb3_context": "phpass",
    "passlib.apps.mysql_context": "mysql41", "passlib.apps.mysql4_context": "mysql41",
    "passlib.apps.mysql3_context": "mysql323", "passlib.apps.postgres_context": "postgres_md5",
    "passlib.apps.ldap_context": "ldap_salted_sha1",
    "passlib.apps.ldap_nocrypt_context": "ldap_salted_sha1",
    "passlib.apps.roundup10_context": "ldap_hex_sha1",
    "passlib.apps.roundup_context": "ldap_hex_sha1",
    "passlib.apps.roundup15_context": "ldap_pbkdf2_sha1",
}
# passlib schemes whose `rounds` setting is checked, and how to get the minimum.
PASSLIB_ROUNDS = {
    "pbkdf2_sha256": "pbkdf2_sha256", "django_pbkdf2_sha256": "pbkdf2_sha256",
    "pbkdf2_sha512": "pbkdf2_sha512", "pbkdf2_sha1": "pbkdf2_sha1",
    "django_pbkdf2_sha1": "pbkdf2_sha1", "cta_pbkdf2_sha1": "pbkdf2_sha1",
    "bcrypt": "bcrypt", "bcrypt_sha256": "bcrypt", "django_bcrypt": "bcrypt",
    "django_bcrypt_sha256": "bcrypt", "sha256_crypt": "sha256_crypt",
    "sha512_crypt": "sha512_crypt", "scrypt": "scrypt_log2", "argon2": "argon2_time",
}

# Django hashers: a weak one first in PASSWORD_HASHERS hashes every new password with it.
WEAK_DJANGO_HASHERS = frozenset({"MD5PasswordHasher", "UnsaltedMD5PasswordHasher",
                                 "UnsaltedSHA1PasswordHasher", "SHA1PasswordHasher",
                                 "CryptPasswordHasher"})
DJANGO_HASHERS = "django.contrib.auth.hashers."
# Django hasher classes whose cost class attributes are checked in subclasses.
DJANGO_PBKDF2 = {"PBKDF2PasswordHasher": "sha256", "PBKDF2SHA1PasswordHasher": "sha1"}
DJANGO_BCRYPT = frozenset({"BCryptSHA256PasswordHasher", "BCryptPasswordHasher"})
DJANGO_ARGON2 = "Argon2PasswordHasher"
DJANGO_SCRYPT = "ScryptPasswordHasher"

# Flask-Security's SECURITY_PASSWORD_HASH values that store weak hashes.
WEAK_FLASK_SECURITY = WEAK_PASSLIB_SCHEMES

# Methods of a passlib or Django hasher class that hash a password (`_calc_checksum` is where
# a custom passlib handler computes its digest).
HASHER_METHODS = ("encode", "verify", "hash", "salted_hash", "_calc_checksum", "_calc_digest")
HASHER_BASE_PREFIXES = (DJANGO_HASHERS, "passlib.")

# pycryptodome (`Crypto`, `Cryptodome`) and PyCrypto's PBKDF2(password, salt, dkLen=16,
# count=1000, prf=None, hmac_hash_module=None): 1,000 iterations of HMAC-SHA1 by default.
PYCRYPTODOME_PBKDF2 = frozenset({"Crypto.Protocol.KDF.PBKDF2", "Cryptodome.Protocol.KDF.PBKDF2"})
PYCRYPTODOME_PBKDF2_DEFAULT_COUNT = 1000

# Slow password hashers and where they take the password (positional index, keyword). A fast
# hash whose digest feeds one of them is a pre-hash (bcrypt reads only 72 bytes, so long
# passwords are first reduced with SHA-256 or an HMAC), not a fast password hash.
SLOW_HASH_INPUTS = {
    "bcrypt.hashpw": (0, "password"), "bcrypt.checkpw": (0, "password"),
    "bcrypt.kdf": (0, "password"),
    "hashlib.pbkdf2_hmac": (1, "password"), "hashlib.scrypt": (0, "password"),
    "argon2.PasswordHasher().hash": (0, "password"),
    "argon2.PasswordHasher().verify": (1, "password"),
    "argon2.low_level.hash_secret": (0, "secret"),
    "argon2.low_level.hash_secret_raw": (0, "secret"),
    "passlib.hash.bcrypt.hash": (0, "secret"), "passlib.hash.bcrypt.verify": (0, "secret"),
    "passlib.hash.argon2.hash": (0, "secret"), "passlib.hash.argon2.verify": (0, "secret"),
    "passlib.context.CryptContext().hash": (0, "secret"),
    "passlib.context.CryptContext().verify": (0, "secret"),
    "flask_bcrypt.generate_password_hash": (0, "password"),
    "flask_bcrypt.check_password_hash": (1, "password"),
    "flask_bcrypt.Bcrypt().generate_password_hash": (0, "password"),
    "flask_bcrypt.Bcrypt().check_password_hash": (1, "password"),
    "werkzeug.security.generate_password_hash": (0, "password"),
    "werkzeug.security.check_password_hash": (1, "password"),
    "django.contrib.auth.hashers.make_password": (0, "password"),
}

# ------------------------------------------------------------------ where passwords live
# ORM model bases and column constructors: a class built on them is a stored row.
ORM_PREFIXES = ("django.db.models.", "django.contrib.auth.", "sqlalchemy.", "flask_sqlalchemy.",
                "sqlmodel.", "peewee.", "tortoise.", "mongoengine.", "pony.", "ormar.",
                "beanie.", "odmantic.")
# Bases of input schemas and plain data classes: their fields are request input.
SCHEMA_BASES = ("pydantic.", "marshmallow.", "msgspec.", "attr.", "attrs.", "typing.",
                "dataclasses.", "rest_framework.", "ninja.", "wtforms.", "flask_wtf.")
