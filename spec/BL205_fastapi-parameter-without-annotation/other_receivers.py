"""Decorators that look like FastAPI's but are not on a FastAPI or APIRouter instance."""

from flask import Blueprint, Flask

app = Flask(__name__)
bp = Blueprint("items", __name__)


@app.get("/items/<item_id>")
def read_item(item_id) -> dict:
    return {"id": item_id}


@bp.post("/items")
def create_item(payload=None) -> dict:
    return {"payload": payload}


def route(path: str):
    def wrap(func):
        return func
    return wrap


@route("/local")
def local(name) -> str:
    return name
