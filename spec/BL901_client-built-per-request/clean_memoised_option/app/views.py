from flask import Blueprint

from app.registry import client_for

bp = Blueprint("partners", __name__)


@bp.get("/partners/<name>")
def partner(name: str):
    return client_for(name).get("/status").json()
