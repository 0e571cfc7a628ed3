"""A FastAPI service with a few HTML endpoints for a marketing page."""
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

app = FastAPI()


def current_user() -> str:
    return "ada"


@app.get("/hello", response_class=HTMLResponse)
async def hello(name: str) -> HTMLResponse:
    return HTMLResponse(f"<h1>Hello {name}</h1>")  # error: BL701


@app.get("/search")
async def search(q: Annotated[str, Query(max_length=50)]) -> HTMLResponse:
    page = "<p>You searched for " + q + "</p>"
    return HTMLResponse(content=page)  # error: BL701


@app.get("/ref")
async def referrer(request: Request) -> Response:
    source = request.query_params.get("ref", "")
    body = "<a href='/'>back to {}</a>".format(source.strip())
    return Response(body, media_type="text/html")  # error: BL701


@app.get("/item/{item_id}")
async def item(item_id: int, user: str = Depends(current_user)) -> HTMLResponse:
    # An int cannot carry markup; the dependency is not request data.
    return HTMLResponse(f"<p>Item {item_id} for {user}</p>")


@app.get("/plain")
async def plain(name: str) -> Response:
    return Response(f"Hello {name}", media_type="text/plain")
