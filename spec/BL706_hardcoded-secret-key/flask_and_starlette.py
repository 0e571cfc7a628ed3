"""Secrets set in code across a Flask admin and a Starlette API."""
import jwt
from flask import Flask
from starlette.applications import Starlette
from starlette.middleware.sessions import SessionMiddleware

SIGNING_KEY = "hs256-signing-key"

admin = Flask(__name__)
admin.secret_key = "f1a5k-s3cr3t"  # error: BL706
admin.config["SECRET_KEY"] = "another-literal"  # error: BL706
admin.config.update(SECRET_KEY="yet-another", SESSION_COOKIE_NAME="admin")  # error: BL706

api = Starlette()
api.add_middleware(SessionMiddleware, secret_key="starlette-session-key")  # error: BL706


def issue_token(user_id: int) -> str:
    return jwt.encode({"sub": user_id}, SIGNING_KEY, algorithm="HS256")  # error: BL706
