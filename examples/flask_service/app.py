"""The storefront: a Flask app with flask-limiter defaults on every route."""

from __future__ import annotations

from flask import Flask, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
# BL706: the session-signing key is in the repository.
app.secret_key = "storefront-2019-secret"
limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day", "50 per hour"],
                  storage_uri="redis://cache:6379/1")


@app.route("/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
    return jsonify(token="...")


@app.route("/api/token", methods=["POST"])
@limiter.exempt
def api_token():
    # BL504: exempted because the mobile app hit the hourly default; now unlimited.
    return jsonify(token="...")


@limiter.limit("10 per minute")
@app.route("/checkout", methods=["POST"])
def checkout():
    # BL503: the limit decorator sits above @app.route, so Flask registers the
    # undecorated function (only the defaults apply).
    return jsonify(order_id=request.json["cart_id"])


@app.route("/cart", methods=["POST"])
def add_to_cart():
    # Clean: the app's default limits apply.
    return jsonify(ok=True)


@app.route("/healthz")
@limiter.exempt
def healthz():
    return jsonify(status="ok")


@app.route("/greet")
def greet():
    # BL701: the visitor's name goes into the page unescaped (reflected XSS).
    return f"<p>Welcome back, {request.args.get('name', 'guest')}!</p>"


@app.route("/remember", methods=["POST"])
def remember():
    response = jsonify(ok=True)
    # BL707: a login cookie without Secure and HttpOnly.
    response.set_cookie("remember_token", request.json["token"])
    return response


if __name__ == "__main__":
    # BL705: Werkzeug's debugger runs any Python sent to it.
    app.run(host="0.0.0.0", debug=True)
