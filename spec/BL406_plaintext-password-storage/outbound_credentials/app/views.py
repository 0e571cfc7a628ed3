"""Credentials the service sends to other services (SMTP, an LDAP bind, an API client) have
to stay recoverable: storing them as given is not a plaintext user password (they belong in
encrypted storage, which this rule does not judge)."""

from .models import LdapSettings, MailAccount, User, db


def save_mail_settings(form, mail_account: MailAccount) -> None:
    mail_account.password = form.password.data
    mail_account.smtp_password = form.smtp_password.data
    db.session.commit()


def save_ldap(payload) -> LdapSettings:
    settings = LdapSettings(bind_password=payload.bind_password)
    db.session.add(settings)
    return settings


def register(form) -> User:
    user = User()
    user.password = form.password.data  # error: BL406
    db.session.add(user)
    return user
