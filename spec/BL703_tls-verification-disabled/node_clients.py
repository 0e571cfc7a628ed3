"""Clients for self-hosted Lightning nodes, configured from settings."""
import ssl

import httpx


class Settings:
    node_cert: str = ""
    node_ca: str = ""


settings = Settings()


class RestNode:
    def __init__(self) -> None:
        self.cert = settings.node_cert or False
        self.client = httpx.AsyncClient(verify=self.cert)  # error: BL703


class PublicNode:
    def __init__(self) -> None:
        cert = settings.node_cert or True
        self.client = httpx.AsyncClient(verify=cert)


def pinned_client() -> httpx.AsyncClient:
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.load_verify_locations(cafile=settings.node_ca)
    # The node's own CA is the only one trusted; its certificate names an IP address.
    context.check_hostname = False
    return httpx.AsyncClient(verify=context)
