from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import generate_password_hash

db = SQLAlchemy()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    password_hash = db.Column(db.String(255))


def register(form) -> User:
    user = User()
    user.password_hash = generate_password_hash(form.password.data)
    return user
