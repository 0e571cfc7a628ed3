import hmac

from werkzeug.security import check_password_hash


def authenticate(user, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def matches(stored_digest: str, candidate: str) -> bool:
    return hmac.compare_digest(stored_digest, candidate)


def confirm(password: str, confirm_password: str) -> bool:
    return password == confirm_password
