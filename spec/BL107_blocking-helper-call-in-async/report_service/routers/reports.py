"""Report routes: async handlers that call the storage helpers."""

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from services import ReportStorage
from services.storage import CachedStorage, ping_a

router = APIRouter(prefix="/reports")
storage = ReportStorage("/srv/reports")


@router.post("/{name}")
async def upload_report(name: str, body: bytes) -> dict:
    path = storage.save(name, body)  # error: BL107
    return {"path": str(path), "url": storage.url_for(name)}


@router.post("/{name}/archive")
async def archive_report(name: str) -> dict:
    await run_in_threadpool(storage.archive, name)
    return {"archived": True}


@router.post("/warm")
async def warm(cache: CachedStorage) -> dict:
    cache.warm()  # error: BL107
    ping_a()
    return {"ok": True}


class ReportService:
    def __init__(self) -> None:
        self.storage = ReportStorage("/srv/reports")

    def _render(self, name: str) -> bytes:
        return self.storage.save(name, b"...").read_bytes()

    async def publish(self, name: str) -> bytes:
        return self._render(name)  # error: BL107

    async def describe(self, name: str) -> str:
        def render_later() -> bytes:
            return self._render(name)

        return f"{name}: {self.storage.url_for(name)} {render_later}"
