from collections.abc import AsyncIterator, Iterator
from contextlib import closing

from fastapi import Request
from sqlalchemy.orm import Session

from app.database import SessionLocal, async_session_maker


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def get_db_with() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session


async def get_async_session() -> AsyncIterator:
    async with async_session_maker() as session:
        yield session


def get_db_closing() -> Iterator[Session]:
    with closing(SessionLocal()) as session:
        yield session


def session_for_script() -> Session:
    """Not a dependency nor a handler: the caller owns what it returns."""
    return SessionLocal()


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session


def get_repository() -> Repository:
    return Repository(SessionLocal())


class UnitOfWork:
    """A class dependency (`Depends(UnitOfWork)`): the object owns the session and closes it
    in its own `close()`, which another dependency calls."""

    def __init__(self) -> None:
        self.session = SessionLocal()

    def close(self) -> None:
        self.session.close()


def get_uow(request: Request) -> UnitOfWork:
    return request.state.uow
