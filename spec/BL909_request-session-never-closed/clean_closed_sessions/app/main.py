from fastapi import Depends, FastAPI, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import ScopedSession, SessionLocal
from app.deps import (
    UnitOfWork,
    get_async_session,
    get_db,
    get_db_closing,
    get_db_with,
    get_repository,
)

app = FastAPI()


@app.middleware("http")
async def db_session_middleware(request: Request, call_next):
    request.state.db = SessionLocal()
    try:
        return await call_next(request)
    finally:
        request.state.db.close()


@app.get("/a")
def a(db: Session = Depends(get_db), db2: Session = Depends(get_db_with),
      db3: Session = Depends(get_db_closing), repo=Depends(get_repository),
      session=Depends(get_async_session), uow=Depends(UnitOfWork)) -> int:
    return 0


@app.get("/b")
def b() -> int:
    with SessionLocal() as db:
        db.execute(select("1"))
    return 0


@app.get("/c")
def c() -> int:
    db = ScopedSession()
    db.execute(select("1"))
    return 0


@app.get("/d")
def d() -> int:
    db = SessionLocal()
    try:
        return len(db.execute(select("1")).all())
    finally:
        db.close()
