from flask import Blueprint

bp = Blueprint("sso", __name__)


@bp.route("/sso/login", methods=["POST"])
def sso_login():  # error: BL501 "app-level limits could not be seen"
    # Registered by discovery: checked without the app's limits, at low confidence.
    return "ok"
