import importlib
import pkgutil
from functools import partial

from flask import Flask

from app import account, admin, auth
from app.extensions import limiter


def create_app() -> Flask:
    app = Flask(__name__)
    limiter.init_app(app)
    # Blueprints registered in a loop over a tuple...
    for blueprint in (auth.bp, account.bp):
        app.register_blueprint(blueprint)
    # ...through functools.partial...
    register_admin = partial(app.register_blueprint, url_prefix="/admin")
    register_admin(admin.bp)
    # ...and found by discovery, which backendlint cannot follow.
    for found in pkgutil.iter_modules(["app/plugins"]):
        module = importlib.import_module(f"app.plugins.{found.name}")
        app.register_blueprint(module.bp)
    return app
