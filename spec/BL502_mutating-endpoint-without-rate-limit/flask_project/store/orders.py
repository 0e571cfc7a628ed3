from flask import Blueprint, request

orders_bp = Blueprint("orders", __name__)


@orders_bp.route("/", methods=["POST"])
def create_order():
    return {"id": request.json["item_id"]}, 201


@orders_bp.delete("/<int:order_id>")
def cancel_order(order_id):
    return "", 204
