from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .orders import orders_bp
from .webhooks import webhooks_bp

limiter = Limiter(get_remote_address, default_limits=["200 per day", "50 per hour"])


def create_app() -> Flask:
    from .admin import admin_bp

    app = Flask(__name__)
    limiter.init_app(app)
    limiter.exempt(webhooks_bp)
    app.register_blueprint(orders_bp, url_prefix="/orders")
    app.register_blueprint(webhooks_bp, url_prefix="/webhooks")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    return app
