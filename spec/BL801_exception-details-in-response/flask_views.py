"""Flask views and error handlers that send exception text."""
from flask import Blueprint, Flask, abort, flash, jsonify, redirect, url_for

from .mail import send, send_error

app = Flask(__name__)
bp = Blueprint("api", __name__)


@bp.route("/send", methods=["POST"])
def send_mail():
    try:
        send()
    except Exception as e:
        return jsonify(error=str(e)), 500  # error: BL801
    return jsonify(ok=True)


@bp.route("/abort", methods=["POST"])
def abort_with_text():
    try:
        send()
    except OSError as e:
        abort(500, str(e))  # error: BL801


@bp.route("/plain")
def plain_text():
    try:
        send()
    except Exception as e:
        return "error: %s" % e, 500  # error: BL801
    return "ok"


@bp.route("/flash", methods=["POST"])
def flash_it():
    try:
        send()
    except Exception as e:
        flash(f"Sending failed: {e}")  # error: BL801
    return redirect("/")


def handle_error(error):
    return jsonify(message=repr(error)), 500  # error: BL801


app.register_error_handler(Exception, handle_error)


@bp.app_errorhandler(NotImplementedError)
def not_implemented(error):
    # A response builder of another module: what the return value is given is sent.
    return send_error(str(error), code=-501), 501  # error: BL801


@bp.route("/redirect")
def with_query_text():
    try:
        send()
    except Exception as e:
        return redirect(url_for("index", error=str(e)))  # error: BL801
    return redirect("/")
