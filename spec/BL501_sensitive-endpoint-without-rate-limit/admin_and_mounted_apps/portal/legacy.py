from flask import Flask

legacy = Flask(__name__)


@legacy.route("/login", methods=["POST"])
def legacy_login():  # error: BL501
    # A Flask app mounted inside the ASGI app: its own routes are endpoints.
    return "ok"
