from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import SessionLocal, engine
from app.deps import get_async_db, get_db, get_db_yielded

router = APIRouter()


@router.get("/users")
def list_users(db: Session = Depends(get_db)) -> list[str]:
    return [name for (name,) in db.execute(select("name"))]


@router.get("/users/count")
def count_users(db: Session = Depends(get_db_yielded)) -> int:
    return 0


@router.get("/users/async")
async def async_users(session=Depends(get_async_db)) -> int:
    return 0


@router.get("/users/{user_id}")
def read_user(user_id: int) -> dict[str, int]:
    db = SessionLocal()  # error: BL909 "in endpoint `read_user`, which never closes it"
    db.execute(select("1"))
    return {"id": user_id}


@router.get("/users/{user_id}/raw")
def read_raw(user_id: int) -> dict[str, int]:
    db = Session(engine)  # error: BL909 "never closes it"
    db.execute(select("1"))
    return {"id": user_id}


@router.get("/teams")
def list_teams(db: Session = Depends(SessionLocal)) -> list[str]:  # error: BL909 "`Depends(SessionLocal)`"
    return []
