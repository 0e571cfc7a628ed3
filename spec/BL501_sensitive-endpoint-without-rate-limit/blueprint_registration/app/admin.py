from flask import Blueprint

bp = Blueprint("admin", __name__)


@bp.route("/users/<int:user_id>/reset", methods=["POST"])
def reset_password(user_id: int):
    # Clean: registered through the partial, so the default limits apply.
    return "reset"
