from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    password = db.Column(db.String(255))


class MailAccount(db.Model):
    """The SMTP login the service sends notifications with: it must be readable again."""

    id = db.Column(db.Integer, primary_key=True)
    password = db.Column(db.String(255))
    smtp_password = db.Column(db.String(255))


class LdapSettings(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    bind_password = db.Column(db.String(255))
