from flask import Blueprint

webhooks_bp = Blueprint("webhooks", __name__)


@webhooks_bp.post("/stripe")
def stripe_webhook():
    return "", 204
