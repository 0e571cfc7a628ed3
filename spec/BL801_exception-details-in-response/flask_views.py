"""Flask views and error handlers that send exception text."""
from flask import Blueprint, Flask, abort, flash, jsonify, redirect

from .mail import send

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
