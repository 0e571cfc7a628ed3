"""Client configuration: parameters whose literal default gives their type."""

from __future__ import annotations


class PaymentClient:
    def __init__(
        self,
        base_url="https://payments.example.com",  # error: BL201
        retries=3,  # error: BL201
        verify_tls=True,  # error: BL201
        backoff=0.5,  # error: BL201
        secret=b"",  # error: BL201
        offset=-1,  # error: BL201
        proxy=None,  # error: BL201
        headers={},  # error: BL201
    ) -> None:
        self.base_url = base_url
        self.retries = retries
        self.verify_tls = verify_tls
        self.backoff = backoff
        self.secret = secret
        self.offset = offset
        self.proxy = proxy
        self.headers = headers

    def charge(self, amount: int, currency="EUR", *, idempotent=False) -> str:  # error: BL201, BL201
        return f"{amount} {currency} {idempotent}"


def build_url(path: str, prefix = "/api") -> str:  # error: BL201
    return prefix + path
