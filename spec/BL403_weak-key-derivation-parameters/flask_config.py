"""Flask application settings with Flask-Bcrypt."""
import os

from flask import Flask
from flask_bcrypt import Bcrypt


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]
    BCRYPT_LOG_ROUNDS = 4  # error: BL403


class ProductionConfig(Config):
    BCRYPT_LOG_ROUNDS = 13


app = Flask(__name__)
app.config.from_object(ProductionConfig)
flask_bcrypt = Bcrypt(app)


def hash_for_import(password: str) -> bytes:
    return flask_bcrypt.generate_password_hash(password, rounds=6)  # error: BL403


def hash_default(password: str) -> bytes:
    return flask_bcrypt.generate_password_hash(password)


class TestingConfig(Config):
    # Test configurations lower the cost on purpose.
    TESTING = True
    BCRYPT_LOG_ROUNDS = 4
