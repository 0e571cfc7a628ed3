from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_object("settings.ProdConfig")
    return app
