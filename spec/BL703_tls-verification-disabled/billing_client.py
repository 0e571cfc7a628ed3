"""Client for a partner's billing API, written against a staging box with a self-signed cert."""
import ssl
import urllib.request

import aiohttp
import httpx
import requests
import urllib3

VERIFY_TLS = False
http = requests.Session()


class BillingClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.session.verify = False  # error: BL703

    def invoice(self, invoice_id: str) -> dict:
        return self.session.get(f"{self.base_url}/invoices/{invoice_id}", verify=False,  # error: BL703
                                timeout=10).json()


def refund(payment_id: str) -> None:
    http.post(f"https://billing.example.com/refunds/{payment_id}", verify=VERIFY_TLS,  # error: BL703
              timeout=10)


def status() -> int:
    return requests.get("https://status.example.com", verify=False, timeout=5).status_code  # error: BL703


async def fetch_rates() -> dict:
    async with httpx.AsyncClient(verify=False) as client:  # error: BL703
        return (await client.get("https://rates.example.com")).json()


async def fetch_feed(session: aiohttp.ClientSession) -> str:
    async with session.get("https://feed.example.com", ssl=False) as response:  # error: BL703
        return await response.text()


connector = aiohttp.TCPConnector(ssl=False)  # error: BL703
context = ssl._create_unverified_context()  # error: BL703
strict = ssl.create_default_context()
strict.check_hostname = False  # error: BL703
strict.verify_mode = ssl.CERT_NONE  # error: BL703
pool = urllib3.PoolManager(cert_reqs="CERT_NONE")  # error: BL703


def legacy_fetch(url: str) -> bytes:
    return urllib.request.urlopen(url, context=context, timeout=5).read()
