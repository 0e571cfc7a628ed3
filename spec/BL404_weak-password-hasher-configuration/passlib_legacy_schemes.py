"""Weak passlib schemes: phpass, md5_crypt, sha1_crypt, des_crypt. First in a CryptContext
they hash every new password; later but not deprecated, old hashes are accepted forever and
never replaced at login. passlib's preset contexts for PHP and MySQL hash with them too."""

import passlib.hash
from passlib.apps import custom_app_context, phpass_context
from passlib.context import CryptContext

wordpress = CryptContext(schemes=["phpass", "bcrypt"])  # error: BL404 "phpass"
kept_forever = CryptContext(schemes=["bcrypt", "md5_crypt"])  # error: BL404 "never replaced"
other_deprecated = CryptContext(schemes=["argon2", "des_crypt", "sha1_crypt"],  # error: BL404
                                deprecated=["des_crypt"])
from_config = CryptContext.from_string(  # error: BL404 "sha1_crypt"
    "[passlib]\nschemes = sha1_crypt, bcrypt\n")

migrating = CryptContext(schemes=["argon2", "phpass", "md5_crypt"], deprecated="auto")
listed = CryptContext(schemes=["bcrypt", "sha1_crypt"], deprecated=["sha1_crypt"])
configured = CryptContext.from_string(
    "[passlib]\nschemes = argon2, md5_crypt\ndeprecated = auto\n")


def hash_like_wordpress(password: str) -> str:
    return phpass_context.hash(password)  # error: BL404


def hash_phpass(password: str) -> str:
    return passlib.hash.phpass.hash(password)  # error: BL404


def hash_app(password: str) -> str:
    return custom_app_context.hash(password)


def downgrade(context: CryptContext) -> None:
    context = CryptContext(schemes=["bcrypt"])
    context.update(schemes=["des_crypt", "bcrypt"])  # error: BL404
