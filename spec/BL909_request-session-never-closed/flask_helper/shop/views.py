from flask import Blueprint, jsonify
from sqlalchemy import text

from shop.db import get_db

bp = Blueprint("orders", __name__)


@bp.get("/orders")
def list_orders():
    db = get_db()  # error: BL909 "(`get_db` returns a new one) in endpoint `list_orders`, which never closes it"
    rows = db.execute(text("select id from orders")).all()
    return jsonify([row.id for row in rows])


@bp.get("/orders/count")
def count_orders():
    db = get_db()
    try:
        return jsonify(db.execute(text("select count(*) from orders")).scalar_one())
    finally:
        db.close()


def nightly_report() -> int:
    """Not a request: the script owns the session."""
    db = get_db()
    return db.execute(text("select 1")).scalar_one()
