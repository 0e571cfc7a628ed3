"""Login and account views of a Flask app and a FastAPI router."""
import hashlib
import hmac

from fastapi import APIRouter, HTTPException
from flask import Blueprint, abort, request, session
from pydantic import BaseModel

from .db import fetch_user_row, get_db
from .models import User

bp = Blueprint("auth", __name__)
router = APIRouter()


@bp.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first_or_404()
    if user.password != request.form["password"]:  # error: BL405
        abort(401)
    session["user_id"] = user.id
    return {"ok": True}


@bp.post("/pin")
def check_pin():
    account = User.query.get_or_404(session["user_id"])
    pin = request.json["pin"]
    if pin == account.pin:  # error: BL405
        return {"ok": True}
    abort(403)


class LoginIn(BaseModel):
    username: str
    password: str


@router.post("/token")
def token(body: LoginIn) -> dict[str, str]:
    row = fetch_user_row(get_db(), body.username)
    candidate = hashlib.sha256((row["salt"] + body.password).encode()).hexdigest()
    if candidate != row["password_hash"]:  # error: BL405
        raise HTTPException(status_code=401)
    return {"access_token": "..."}


def verify(user: User, password: str) -> bool:
    stored = user.hashed_password
    return stored == hash_it(password)  # error: BL405


def hash_it(password: str) -> str:
    return password


class Member:
    def __init__(self, name: str, password_hash: str) -> None:
        self.name = name
        self.password_hash = password_hash


class Account(Member):
    def check(self, hashed_password: str) -> bool:
        return hashed_password == self.password_hash  # error: BL405


# Negatives.


class RegisterIn(BaseModel):
    password: str
    confirm_password: str


@router.post("/register")
def register(body: RegisterIn) -> dict[str, str]:
    # Two inputs compared: form validation, not a check against a stored secret.
    if body.password != body.confirm_password:
        raise HTTPException(status_code=422, detail="passwords do not match")
    return {"status": "created"}


@bp.post("/password")
def change_password():
    new_password = request.form["new_password"]
    if new_password == request.form["new_password_again"]:
        return {"ok": True}
    return {"ok": False}


def constant_time_login(user: User, password: str) -> bool:
    candidate = hashlib.sha256(password.encode()).hexdigest()
    return hmac.compare_digest(candidate, user.password_hash)


def has_password(user: User) -> bool:
    return user.password != "" and user.password_hash != None and len(user.password) != 0


def password_changed(user: User, previous: User) -> bool:
    return user.password_changed_at != previous.password_changed_at
