"""Exceptions written for clients, e.detail, DEBUG branches, logs: nothing leaves."""
import logging
import traceback

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from .services import create

app = FastAPI()
router = APIRouter()
logger = logging.getLogger(__name__)


class PaymentRequired(HTTPException):
    pass


@router.post("/a")
async def validation(payload: dict) -> dict:
    try:
        return await create(payload)
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=str(e))
    except PaymentRequired as e:
        raise HTTPException(status_code=402, detail=e.detail)
    except HTTPException as e:
        return JSONResponse({"detail": str(e)}, status_code=e.status_code)


@router.post("/b")
async def logged(payload: dict) -> dict:
    try:
        return await create(payload)
    except Exception as e:
        logger.exception("create failed: %s", e)
        raise HTTPException(status_code=500, detail="internal error")


@router.post("/c")
async def debug_only(payload: dict) -> dict:
    try:
        return await create(payload)
    except Exception as e:
        if settings.DEBUG:
            return {"error": str(e), "trace": traceback.format_exc()}
        detail = str(e) if settings.DEBUG else "internal error"
        return {"error": detail}


@app.exception_handler(RequestValidationError)
async def invalid(request, exc):
    return JSONResponse({"detail": str(exc)}, status_code=422)


def drf_view(request):
    try:
        create(request.data)
    except (DRFValidationError, DjangoValidationError) as e:
        return Response({"errors": str(e)}, status=400)
    return Response({})


def not_a_response(payload: dict) -> str:
    """A helper that returns the text to its caller, which may log it."""
    try:
        create(payload)
    except Exception as e:
        return str(e)
    return ""


class WrongParameterError(Exception):
    """The project's own error for bad input: named for clients."""


@router.post("/d")
async def project_client_error(payload: dict) -> dict:
    try:
        return await create(payload)
    except WrongParameterError as e:
        raise HTTPException(status_code=400, detail=str(e))
    except RuntimeError as e:
        # `message` is a field the class wrote for its callers.
        raise HTTPException(status_code=500, detail=e.message)


class QuotaExceeded(Exception):
    """The project's own class: taken to carry a message for clients."""


@router.post("/e")
async def project_error(payload: dict) -> dict:
    try:
        return await create(payload)
    except QuotaExceeded as e:
        raise HTTPException(status_code=429, detail=str(e))
