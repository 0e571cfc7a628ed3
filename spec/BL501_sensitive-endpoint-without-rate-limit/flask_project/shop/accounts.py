from flask import Blueprint

from .extensions import limiter

accounts_bp = Blueprint("accounts", __name__)
limiter.limit("20 per minute")(accounts_bp)


@accounts_bp.post("/password")
def change_password():
    return {"ok": True}


@accounts_bp.post("/invites")
def send_invite():
    return {"ok": True}
