from flask import Blueprint, jsonify, request
from flask_login import login_required

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/profile")
@login_required
def profile():
    return jsonify({})


@bp.route("/profile", methods=["POST"])
@login_required
def update_profile():
    return jsonify(request.get_json())


@bp.route("/invoices")
@login_required
def invoices():
    return jsonify([])


@bp.route("/address", methods=["POST"])
def update_address():  # error: BL601 "login_required"
    return jsonify(request.get_json())


@bp.route("/login", methods=["POST"])
def login():
    return jsonify({})
