"""FastAPI endpoints that hand exception text to the client."""
import logging
import traceback

from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from .errors import QuotaExceeded
from .services import create, remove, settings, templates

app = FastAPI()
router = APIRouter()
logger = logging.getLogger(__name__)


@app.post("/orders")
async def create_order(order: dict) -> dict:
    try:
        return await create(order)
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))  # error: BL801


@router.delete("/orders/{order_id}")
async def delete_order(order_id: int) -> dict:
    try:
        await remove(order_id)
    except IntegrityError as exc:
        return {"error": f"could not delete: {exc}"}  # error: BL801
    return {"ok": True}


@router.post("/imports")
async def run_import(payload: dict) -> JSONResponse:
    try:
        await create(payload)
    except Exception:
        return JSONResponse(  # the body is on the next line
            {"error": "import failed", "trace": traceback.format_exc()},  # error: BL801
            status_code=500)
    return JSONResponse({"ok": True})


@router.post("/quota")
async def use_quota(payload: dict) -> dict:
    try:
        await create(payload)
    except QuotaExceeded as exc:
        # The project's own class, listed in `internal-errors` (low confidence).
        raise HTTPException(400, detail=exc.args[0])  # error: BL801
    return {}


@router.post("/local")
async def through_a_variable(payload: dict) -> JSONResponse:
    try:
        await create(payload)
    except Exception as error:
        message = "failed: " + repr(error)
        body = {"error": message}
        return JSONResponse(content=body, status_code=500)  # error: BL801
    return JSONResponse({})


@app.exception_handler(Exception)
async def unhandled(request, exc):
    return JSONResponse({"detail": str(exc)}, status_code=500)  # error: BL801


def error_response(message: str, status: int = 500) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


@router.post("/helper")
async def through_a_helper(payload: dict) -> JSONResponse:
    try:
        await create(payload)
    except ValueError as e:
        return error_response(str(e), 400)  # error: BL801
    return JSONResponse({})


@router.websocket("/ws")
async def stream(websocket) -> None:
    try:
        await create({})
    except ValueError as e:
        await websocket.close(code=1008, reason=str(e))  # error: BL801


def render_error(request, exc):
    return templates.TemplateResponse(request, "error.html", {"message": str(exc)})


@app.exception_handler(RuntimeError)
async def runtime(request, exc):
    return render_error(request, exc)  # error: BL801
