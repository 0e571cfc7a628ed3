from flask import Blueprint, request

from .models import User, db

bp = Blueprint("user", __name__)


@bp.route("/settings/password", methods=["POST"])
def change_password(user_id: int):
    # Clean: the synonym's setter hashes.
    user = User.query.get_or_404(user_id)
    user.password = request.form["new_password"]
    db.session.commit()
    return {"ok": True}


@bp.route("/register", methods=["POST"])
def register():
    # Clean: the model's constructor assigns through the same descriptor.
    user = User(username=request.form["username"], password=request.form["password"])
    db.session.add(user)
    db.session.commit()
    return {"ok": True}
