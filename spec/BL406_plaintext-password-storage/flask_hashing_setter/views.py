from flask import Blueprint, request

from .forms import RegistrationForm
from .models import User, db

bp = Blueprint("accounts", __name__)


@bp.route("/register", methods=["POST"])
def register():
    form = RegistrationForm()
    if form.validate_on_submit():
        user = User(email=form.email.data, password=form.password.data)
        db.session.add(user)
        db.session.commit()
    return {"ok": True}


@bp.route("/password", methods=["POST"])
def change_password():
    payload = request.get_json()
    user = User.query.get_or_404(payload["user_id"])
    user.password = payload["new_password"]
    # Writing plaintext into the hash column bypasses the setter: still reported.
    user.password_hash = payload["new_password"]  # error: BL406
    db.session.commit()
    return {"ok": True}
