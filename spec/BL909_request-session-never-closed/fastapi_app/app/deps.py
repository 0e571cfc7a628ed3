from collections.abc import AsyncIterator, Iterator

from sqlalchemy.orm import Session

from app.database import AsyncSessionLocal, SessionLocal


def get_db() -> Session:
    return SessionLocal()  # error: BL909 "which returns it"


def get_db_yielded() -> Iterator[Session]:
    db = SessionLocal()  # error: BL909 "closes it only when nothing raises"
    yield db
    db.close()


async def get_async_db() -> AsyncIterator:
    session = AsyncSessionLocal()  # error: BL909 "yields it and never closes it"
    yield session
