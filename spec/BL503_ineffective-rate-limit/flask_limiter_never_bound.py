from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, default_limits=["100 per hour"])  # error: BL503


@app.route("/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
    return {"ok": True}
