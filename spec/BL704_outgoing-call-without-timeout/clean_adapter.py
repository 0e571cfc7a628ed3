"""A mounted adapter gives every request of the session a timeout."""
import requests
from requests.adapters import HTTPAdapter


class TimeoutAdapter(HTTPAdapter):
    def send(self, request, **kwargs):
        kwargs["timeout"] = kwargs.get("timeout") or 10
        return super().send(request, **kwargs)


session = requests.Session()
session.mount("https://", TimeoutAdapter())


def orders() -> list:
    return session.get("https://orders.example.com").json()
