"""Verification stays on; a private CA bundle is configured; loopback calls are local."""
import os

import httpx
import requests

CA_BUNDLE = os.environ.get("PARTNER_CA_BUNDLE", "/etc/ssl/certs/partner.pem")
session = requests.Session()
session.verify = CA_BUNDLE


def invoice(invoice_id: str, verify: bool = True) -> dict:
    return session.get(f"https://billing.example.com/{invoice_id}", verify=verify,
                       timeout=10).json()


def health() -> int:
    return requests.get("https://localhost:8443/health", verify=False, timeout=2).status_code


def plain_http() -> int:
    return requests.get("http://127.0.0.1:8000/ready", verify=False, timeout=2).status_code


client = httpx.Client(verify=CA_BUNDLE)
