import os

from flask import Flask

from config import config


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_object(config[os.environ.get("FLASK_CONFIG", "production")])
    return app
