from flask import Blueprint

from .app import limiter

admin_bp = Blueprint("admin", __name__)


@admin_bp.before_request
def limit_admin():
    limiter.check()


@admin_bp.post("/refunds")
def issue_refund():
    return "", 201


def export_orders():
    return "", 202


admin_bp.add_url_rule("/exports", view_func=export_orders, methods=["POST"])
