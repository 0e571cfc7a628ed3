import logging

import structlog
from celery import shared_task
from fastapi import APIRouter, Request

router = APIRouter()
log = structlog.get_logger()
logger = logging.getLogger(__name__)


@router.post("/register")
async def register(request: Request) -> dict:
    body = await request.json()
    log.info("register", body=body)  # error: BL803
    return {"ok": body.get("password") is not None}


@shared_task
def call_api(client_secret: str, refresh_token: str) -> None:
    logger.debug("refreshing with " + refresh_token)  # error: BL803
    logger.info("client %s", extra={"client_secret": client_secret})  # error: BL803
