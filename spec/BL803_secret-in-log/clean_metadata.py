"""Counts, types, ids, hashes, masks and messages about secrets; bodies without a password."""
import logging

from fastapi import APIRouter, Request
from flask import request

router = APIRouter()
logger = logging.getLogger(__name__)


def usage(max_tokens: int, total_tokens: int, token_type: str, api_key_id: int) -> None:
    logger.info("used %s of %s tokens", total_tokens, max_tokens)
    logger.info("token type %s, key id %s", token_type, api_key_id)


def masked(token: str, password: str, password_hash: str) -> None:
    logger.info("token %s...", token[:6])
    logger.info("password length %s", len(password))
    logger.info("password set: %s", password is not None)
    logger.debug("stored hash %s", password_hash)
    logger.info("password reset email sent to %s", request.form["email"])
    logger.warning("invalid password for %s", request.form["username"])


@router.post("/search")
async def search(request: Request) -> dict:
    body = await request.json()
    logger.info("search %s", body)
    print("query", request.query_params)
    return {}


def not_a_logger(password: str, messages: list[str]) -> None:
    messages.append(password)
