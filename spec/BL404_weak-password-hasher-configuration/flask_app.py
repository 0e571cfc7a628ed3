"""Flask app with Flask-Security and werkzeug hashing."""
from flask import Flask
from flask_security import Security, SQLAlchemyUserDatastore
from werkzeug.security import check_password_hash, generate_password_hash

from .models import Role, User, db


class Config:
    SECURITY_PASSWORD_HASH = "plaintext"  # error: BL404
    SECURITY_PASSWORD_SALT = "change-me"


app = Flask(__name__)
app.config.from_object(Config)
app.config["SECURITY_PASSWORD_HASH"] = "md5_crypt"  # error: BL404
app.config.update(SECURITY_PASSWORD_HASH="ldap_sha1", SECURITY_TRACKABLE=True)  # error: BL404
security = Security(app, SQLAlchemyUserDatastore(db, User, Role))


def set_password(user: User, password: str) -> None:
    user.password_hash = generate_password_hash(password, method="sha256")  # error: BL404


def set_password_plain(user: User, password: str) -> None:
    user.password_hash = generate_password_hash(password, "plain")  # error: BL404


# Negatives.


def set_password_ok(user: User, password: str) -> None:
    user.password_hash = generate_password_hash(password)


def set_password_pbkdf2(user: User, password: str) -> None:
    user.password_hash = generate_password_hash(password, method="pbkdf2:sha256:600000")


def check(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


class ProductionConfig(Config):
    SECURITY_PASSWORD_HASH = "argon2"


class TestingConfig(Config):
    # Flask-Security's docs suggest plaintext to keep test suites fast.
    TESTING = True
    SECURITY_PASSWORD_HASH = "plaintext"
