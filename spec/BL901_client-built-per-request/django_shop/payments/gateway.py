import requests

from django.conf import settings


def charge(order_id: int, amount: int) -> dict:
    session = requests.Session()  # error: BL901 "which view `checkout` calls on every request"
    session.headers["Authorization"] = f"Bearer {settings.PAYMENT_TOKEN}"
    return session.post("https://pay.example.com/charges", json={"order": order_id,
                                                                  "amount": amount},
                        timeout=10).json()
