"""Secrets written to logs by name, by the request field they come from, and whole bodies."""
import logging

from django.conf import settings
from flask import Blueprint, request
from pydantic import BaseModel, SecretStr

bp = Blueprint("auth", __name__)
logger = logging.getLogger(__name__)


class Login(BaseModel):
    email: str
    password: SecretStr


@bp.post("/login")
def login():
    password = request.form["password"]
    logger.info("login attempt %s %s", request.form["email"], password)  # error: BL803
    logger.debug(f"auth header {request.headers['Authorization']}")  # error: BL803
    logger.debug("token=%s", request.headers.get("Authorization"))  # error: BL803
    print("form", request.form)  # error: BL803
    return {"ok": True}


def django_login(request):
    logging.info("password %s", request.POST["password"])  # error: BL803
    logger.warning("raw body %s", request.body)  # error: BL803
    return None


def wtforms_login(form):
    logger.info("user %s pw %s", form.email.data, form.password.data)  # error: BL803


def pydantic_login(payload: Login) -> None:
    logger.info("logging in with %s", payload.password.get_secret_value())  # error: BL803


def tokens(access_token: str, api_key: str) -> None:
    logger.info("issued %s", access_token)  # error: BL803
    logger.info({"key": api_key})  # error: BL803
    logger.info("secret key is %s", settings.SECRET_KEY)  # error: BL803
    logger.error("request headers: %s", dict(request.headers))  # error: BL803
