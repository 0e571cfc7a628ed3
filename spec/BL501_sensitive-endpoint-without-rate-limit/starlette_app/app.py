"""A Starlette service: routes listed in Route/Mount tables, class endpoints."""

from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


class Login(HTTPEndpoint):
    async def get(self, request: Request) -> JSONResponse:
        return JSONResponse({"form": "login"})

    async def post(self, request: Request) -> JSONResponse:  # error: BL501
        return JSONResponse({"token": "..."})


async def forgot(request: Request) -> JSONResponse:
    return JSONResponse({"form": "forgot"})


async def send_link(request: Request) -> JSONResponse:  # error: BL501
    return JSONResponse({"sent": True})


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


routes = [
    Route("/login", Login),
    # The Mount's prefix makes `/send` a password endpoint.
    Mount("/password", routes=[
        Route("/forgot", forgot),
        Route("/send", send_link, methods=["POST"]),
    ]),
    Route("/health", health),
]

app = Starlette(routes=routes)
