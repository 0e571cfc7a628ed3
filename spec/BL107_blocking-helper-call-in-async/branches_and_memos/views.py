from db import Settings, connect, load_schema, open_pool, open_store

settings = Settings()


async def async_connection():
    return await connect("app.db", is_async=True)


async def async_store():
    return await open_store("app.db", "async")


async def async_connection_unawaited():
    # The coroutine is created here and awaited by the caller: no blocking call.
    return connect("app.db", True)


async def sync_connection():
    return connect("app.db")  # error: BL107


async def sync_store():
    return open_store("app.db", mode="sync")  # error: BL107


async def schema():
    return load_schema()  # error: BL107


async def current_settings():
    return settings.values()  # error: BL107


class Pool:
    def __init__(self) -> None:
        self._connection = None

    async def connection(self):
        # Connects once, on first use: the finding says so and has low confidence.
        if self._connection is None:
            self._connection = open_pool("pool.db")  # error: BL107
        return self._connection
