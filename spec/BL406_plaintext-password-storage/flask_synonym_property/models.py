"""A FlaskBB-style model: the password column is private, and a synonym with a property
descriptor hashes whatever is assigned to `password`."""
from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(200), unique=True, nullable=False)
    _password = db.Column("password", db.String(120), nullable=False)

    def _get_password(self) -> str:
        return self._password

    def _set_password(self, password: str) -> None:
        self._password = generate_password_hash(password)

    password = db.synonym("_password", descriptor=property(_get_password, _set_password))

    def check_password(self, password: str) -> bool:
        return check_password_hash(self._password, password)
