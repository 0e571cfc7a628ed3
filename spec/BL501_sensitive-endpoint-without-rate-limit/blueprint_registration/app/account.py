from flask import Blueprint

bp = Blueprint("account", __name__)


@bp.route("/password/forgot", methods=["POST"])
def forgot_password():
    return "sent"
