"""Broad excepts that log, re-raise, answer with an error status or use the exception; and
broad excepts outside request and task code (ruff's BLE001 territory, not repeated here)."""
import logging

import sentry_sdk
from celery import shared_task
from django.http import HttpResponseServerError
from fastapi import FastAPI, HTTPException
from flask import Blueprint, abort, current_app, flash, jsonify, redirect
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from .jobs import deliver

app = FastAPI()
bp = Blueprint("shop", __name__)
logger = logging.getLogger(__name__)


@app.post("/a")
async def logs(order: dict) -> dict:
    try:
        await deliver(order)
    except Exception:
        logger.exception("delivery failed")
    try:
        await deliver(order)
    except Exception:
        sentry_sdk.capture_exception()
    try:
        await deliver(order)
    except Exception:
        raise HTTPException(status_code=500, detail="delivery failed")
    try:
        await deliver(order)
    except ValueError:
        pass  # a narrow class: deliberate
    return {"ok": True}


@bp.route("/b", methods=["POST"])
def statuses():
    try:
        deliver(1)
    except Exception:
        return jsonify(error="failed"), 500
    try:
        deliver(2)
    except Exception:
        abort(503)
    try:
        deliver(3)
    except Exception:
        current_app.logger.warning("deliver failed")
    return jsonify(ok=True)


def django_view(request):
    try:
        deliver(1)
    except Exception:
        return HttpResponseServerError()
    return None


class Refund(APIView):
    def post(self, request):
        try:
            deliver(2)
        except Exception:
            return Response({"error": "failed"}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
        return Response({})


@shared_task(bind=True)
def retrying(self, item: int) -> None:
    try:
        deliver(item)
    except Exception as exc:
        raise self.retry(exc=exc)


@shared_task
def records(item: int) -> dict:
    try:
        deliver(item)
    except Exception as exc:
        return {"status": "failed", "error": str(exc)}
    return {"status": "ok"}


def helper(item: int) -> None:
    """Not an endpoint or task: ruff's BLE001/S110 already report it."""
    try:
        deliver(item)
    except Exception:
        pass


@bp.route("/buy", methods=["POST"])
def buy():
    try:
        deliver(1)
    except Exception:
        flash("Could not buy")  # the user is told
    return redirect("/")


@bp.route("/status")
def status_page():
    try:
        running = deliver(0)
    except Exception:
        running = False  # a fallback value: the page shows it
    return jsonify(running=running)
