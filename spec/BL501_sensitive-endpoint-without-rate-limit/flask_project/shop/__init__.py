from flask import Flask

from .accounts import accounts_bp
from .auth.views import auth_bp
from .extensions import limiter


def create_app() -> Flask:
    app = Flask(__name__)
    limiter.init_app(app)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(accounts_bp, url_prefix="/accounts")
    return app
