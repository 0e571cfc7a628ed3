import requests


class PartnerSession(requests.Session):
    """A subclass that does not set a timeout: its calls are checked."""


partner = PartnerSession()


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = "sync/1.0"
    return session


def partner_orders() -> list:
    return partner.get("https://partner.example.com/orders").json()  # error: BL704


class ConfiguredSession(requests.Session):
    """Its adapters (mounted by the platform library) carry the timeout."""


configured = ConfiguredSession()


def configured_orders() -> list:
    return configured.get("https://partner.example.com/orders").json()
