import os

from flask import Flask


class ShopFlask(Flask):
    """The app class with the shop's JSON encoder."""


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["DEBUG"] = os.environ.get("SHOP_DEBUG") == "1"
    return app
