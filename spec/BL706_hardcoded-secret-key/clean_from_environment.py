import os

import jwt
from flask import Flask
from starlette.applications import Starlette
from starlette.middleware.sessions import SessionMiddleware

admin = Flask(__name__)
admin.secret_key = os.environ["FLASK_SECRET_KEY"]
admin.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")
api = Starlette()
api.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_KEY"])


def issue_token(user_id: int, key: str) -> str:
    return jwt.encode({"sub": user_id}, key, algorithm="HS256")
