"""Accounts for the storefront: registration, login and password changes."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, jsonify, request, session
from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()
bp = Blueprint("auth", __name__, url_prefix="/auth")
logger = logging.getLogger(__name__)


class Customer(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True, nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)


@bp.post("/register")
def register():
    customer = Customer(email=request.form["email"])
    # BL404: werkzeug's "sha1" method is one salted SHA-1 round.
    customer.password_hash = generate_password_hash(request.form["password"], method="sha1")
    db.session.add(customer)
    db.session.commit()
    return jsonify(id=customer.id), 201


@bp.post("/login")
def login():
    # BL803: the typed password ends up in the log aggregator.
    logger.debug("login %s / %s", request.form["email"], request.form["password"])
    customer = Customer.query.filter_by(email=request.form["email"]).first_or_404()
    # Clean: werkzeug verifies in constant time.
    if not check_password_hash(customer.password_hash, request.form["password"]):
        abort(401)
    session["customer_id"] = customer.id
    return jsonify(ok=True)


@bp.post("/password")
def change_password():
    customer = Customer.query.get_or_404(session["customer_id"])
    payload = request.get_json()
    # Clean: two inputs compared (form validation), not a stored secret.
    if payload["new_password"] != payload["new_password_confirm"]:
        abort(422)
    # BL406: the plaintext lands in the hash column.
    customer.password_hash = payload["new_password"]
    db.session.commit()
    return jsonify(ok=True)


@bp.post("/password/strong")
def change_password_strong():
    customer = Customer.query.get_or_404(session["customer_id"])
    # Clean: werkzeug's default method (scrypt).
    customer.password_hash = generate_password_hash(request.get_json()["new_password"])
    db.session.commit()
    return jsonify(ok=True)
