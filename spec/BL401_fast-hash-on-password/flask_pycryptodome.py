"""Flask blueprint hashing passwords with pycryptodome and cryptography."""
from Crypto.Hash import SHA256
from cryptography.hazmat.primitives import hashes
from flask import Blueprint, request

from .models import Account, db

bp = Blueprint("accounts", __name__)


@bp.post("/accounts")
def create_account():
    form = request.form
    account = Account(username=form["username"])
    account.pw_hash = SHA256.new(data=form["password"].encode()).hexdigest()  # error: BL401
    db.session.add(account)
    db.session.commit()
    return {"id": account.id}, 201


def check_pin(account: Account, pin: str) -> bool:
    digest = hashes.Hash(hashes.SHA256())
    digest.update(pin.encode())  # error: BL401
    return digest.finalize().hex() == account.pin_hash


def avatar_digest(upload: bytes) -> str:
    # The image bytes, not a password: fine.
    return SHA256.new(data=upload).hexdigest()


def pin_memory_key(pin_memory: bool, mapping: dict) -> str:
    return SHA256.new(repr((pin_memory, sorted(mapping))).encode()).hexdigest()
