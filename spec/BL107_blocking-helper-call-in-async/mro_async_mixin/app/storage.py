"""A sync storage base, a caching layer, and an async override in a mixin."""

import json


class Storage:
    def save(self, data: dict) -> None:
        with open("/srv/data.json", "w") as handle:
            json.dump(data, handle)


class Cached(Storage):
    def cache_key(self) -> str:
        return "data"


class AsyncStorage(Storage):
    async def save(self, data: dict) -> None:
        return None
