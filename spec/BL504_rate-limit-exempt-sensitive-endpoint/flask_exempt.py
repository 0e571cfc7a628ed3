from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, default_limits=["50 per hour"])


@app.route("/password/forgot", methods=["POST"])
@limiter.exempt
def forgot_password():  # error: BL504
    return {"sent": True}


@app.route("/status")
@limiter.exempt
def status():
    return {"ok": True}
