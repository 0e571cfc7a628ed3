from flask import Blueprint, render_template, request
from flask.views import MethodView, View

from ..extensions import limiter

auth_bp = Blueprint("auth", __name__)


@auth_bp.route("/login", methods=["GET"])
def login_form():
    return render_template("login.html")


@auth_bp.route("/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
    return {"ok": True}


@auth_bp.post("/signup")
def signup():  # error: BL501
    return {"ok": True}, 201


@auth_bp.route("/otp/verify", methods=["POST"])
def verify_otp():  # error: BL501
    return {"ok": request.form.get("code") == "123456"}


@auth_bp.route("/logout", methods=["POST"])
def logout():
    return {"ok": True}


class MagicLinkView(MethodView):
    def get(self):
        return render_template("magic_link.html")

    def post(self):  # error: BL501
        return {"sent": True}


class ResetPasswordView(MethodView):
    decorators = [limiter.limit("3 per hour")]

    def post(self):
        return {"sent": True}


class ActivateAccountView(View):
    methods = ["POST"]

    def dispatch_request(self):  # error: BL501
        return {"activated": True}


class TokenView(View):
    methods = ["POST"]
    decorators = [limiter.limit("10 per minute")]

    def dispatch_request(self):
        return {"access_token": "..."}


class ForgotPasswordPage(View):
    # Clean: a plain View serves GET unless it lists methods; this page only renders the form.
    def dispatch_request(self):
        return render_template("forgot_password.html")


auth_bp.add_url_rule("/activate", view_func=ActivateAccountView.as_view("activate"))
auth_bp.add_url_rule("/token", view_func=TokenView.as_view("token"))
auth_bp.add_url_rule("/forgot-password", view_func=ForgotPasswordPage.as_view("forgot"))
auth_bp.add_url_rule("/magic-link", view_func=MagicLinkView.as_view("magic_link"))
auth_bp.add_url_rule("/reset-password", view_func=ResetPasswordView.as_view("reset"))
