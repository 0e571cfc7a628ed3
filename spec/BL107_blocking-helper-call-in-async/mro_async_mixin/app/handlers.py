"""Which `save` runs is decided by the C3 method resolution order, not depth-first search."""

import asyncio

from app.storage import AsyncStorage, Cached


class Store(Cached, AsyncStorage):
    # MRO: Store, Cached, AsyncStorage, Storage: `save` is AsyncStorage's coroutine.
    async def handle(self, data: dict) -> None:
        task = asyncio.create_task(self.save(data))
        await task


class PlainStore(Cached):
    # MRO: PlainStore, Cached, Storage: `save` is the sync one that opens a file.
    async def handle(self, data: dict) -> None:
        self.save(data)  # error: BL107


async def save_through_instance(data: dict) -> None:
    store = Store()
    asyncio.get_running_loop().call_soon(print, store.cache_key())
    plain = PlainStore()
    # Storage.save again: one finding for the helper (above), this call is a related site.
    plain.save(data)
