"""A service object the endpoint builds per request: its constructor builds the client."""

import httpx


class SearchService:
    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(base_url=base_url, timeout=5)  # error: BL901 "in `SearchService.__init__`, which endpoint `search` calls"

    def query(self, text: str) -> list[str]:
        return self.client.get("/search", params={"q": text}).json()
