import stripe
from fastapi import Depends, FastAPI, Request

from app.users import current_active_user

app = FastAPI()


@app.post("/orders", dependencies=[Depends(current_active_user)])
async def create_order(item_id: int) -> dict[str, int]:
    # Authenticated: by default BL502 reports only what anonymous clients can reach.
    return {"id": item_id}


@app.delete("/orders/{order_id}")
async def delete_order(order_id: int, user: str = Depends(current_active_user)) -> None:
    return None


@app.post("/logout")
async def logout() -> None:
    # Changes only the caller's own session.
    return None


@app.post("/set-language/{locale}")
async def set_language(locale: str) -> None:
    return None


@app.post("/webhooks/stripe")
async def stripe_webhook(request: Request) -> None:
    # A webhook that checks its signature: anonymous clients cannot forge events.
    stripe.Webhook.construct_event(await request.body(), request.headers["stripe-signature"],
                                   "whsec")
