from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)


@limiter.limit("5 per minute")
@app.route("/login", methods=["POST"])
def login():  # error: BL503
    return {"ok": True}


@app.route("/register", methods=["POST"])
@limiter.limit("3 per hour")
def register():
    return {"ok": True}
