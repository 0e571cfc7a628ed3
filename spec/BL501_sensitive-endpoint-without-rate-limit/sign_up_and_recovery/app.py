from functools import wraps

from authlib.integrations.flask_client import OAuth
from flask import Flask, abort
from flask_login import current_user

app = Flask(__name__)
oauth = OAuth(app)


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@app.route("/users/", methods=["POST"])
def create_user():  # error: BL501
    return "created", 201


@app.route("/admin/users/", methods=["POST"])
@admin_required
def add_user():
    # Clean: the project decorator is named for a guard and its body checks the user.
    return "created", 201


@app.route("/account/recover", methods=["POST"])
def recover_account():  # error: BL501
    return "mail sent"


@app.route("/unlock/<token>")
def unlock(token: str):  # error: BL501
    # A GET link that acts: it carries the code.
    return "unlocked"


@app.route("/login/github")
def github_login():
    return oauth.github.authorize_redirect("/login/github/done")
