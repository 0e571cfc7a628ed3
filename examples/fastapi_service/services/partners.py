"""The client for the payment partner's API, used from worker threads."""

from __future__ import annotations

import requests


class PaymentsClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def capture(self, payment_id: str) -> dict:
        # BL704: a Session method without a timeout (ruff's S113 checks only requests.get()).
        response = self.session.post(f"{self.base_url}/payments/{payment_id}/capture")
        return response.json()

    def refund(self, payment_id: str) -> dict:
        # BL703: certificate checks off, "just for the staging box".
        response = self.session.post(f"{self.base_url}/payments/{payment_id}/refund",
                                     verify=False, timeout=10)
        return response.json()
