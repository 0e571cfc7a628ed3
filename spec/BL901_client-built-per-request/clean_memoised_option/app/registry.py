import httpx

_clients: dict = {}


def client_for(name: str) -> httpx.Client:
    """Memoised through the registry dict, in a way the guard check does not read."""
    return _clients.setdefault(name, httpx.Client(base_url=f"https://{name}.example.com"))
