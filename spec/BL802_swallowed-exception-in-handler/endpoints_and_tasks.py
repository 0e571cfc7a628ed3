"""Broad excepts that leave no trace, in endpoints, error handlers and tasks."""
import logging

from celery import Celery, shared_task
from fastapi import BackgroundTasks, FastAPI
from flask import Blueprint

from .jobs import deliver, notify

app = FastAPI()
bp = Blueprint("shop", __name__)
celery = Celery("shop")
logger = logging.getLogger(__name__)


@app.post("/orders")
async def create_order(order: dict) -> dict:
    try:
        await deliver(order)
    except Exception:  # error: BL802
        pass
    return {"ok": True}


@app.post("/bare")
async def bare(order: dict) -> dict:
    try:
        await deliver(order)
    except:  # error: BL802
        return {"ok": True}
    return {"ok": True}


@shared_task
def send_invoice(invoice_id: int) -> None:
    try:
        deliver(invoice_id)
    except Exception:  # error: BL802
        pass


@celery.task(bind=True)
def send_all(self, ids: list[int]) -> None:
    for item in ids:
        try:
            deliver(item)
        except BaseException:  # error: BL802
            continue


def send_later(address: str) -> None:
    try:
        notify(address)
    except (OSError, Exception):  # error: BL802
        return None


@app.post("/signup")
async def signup(payload: dict, background_tasks: BackgroundTasks) -> dict:
    background_tasks.add_task(send_later, payload["email"])
    return {"ok": True}
