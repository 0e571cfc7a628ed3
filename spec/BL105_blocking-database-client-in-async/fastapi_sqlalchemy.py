"""FastAPI routes on a sync SQLAlchemy session: the classic mistake."""

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.models import User

engine = create_engine("postgresql://app@db/app")
SessionLocal = sessionmaker(bind=engine)
router = APIRouter(prefix="/users")


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@router.get("/")
async def list_users(db: Session = Depends(get_db)) -> list:
    return db.query(User).all()  # error: BL105


@router.post("/")
async def create_user(payload: dict, db: Annotated[Session, Depends(get_db)]) -> dict:
    user = User(**payload)
    db.add(user)
    db.commit()  # error: BL105
    db.refresh(user)  # error: BL105
    return {"id": user.id}


@router.get("/count")
async def count_users() -> int:
    with engine.connect() as connection:  # error: BL105
        return connection.execute(text("select count(*) from users")).scalar_one()  # error: BL105


@router.get("/{user_id}")
async def get_user(user_id: int) -> dict:
    with SessionLocal() as session:
        user = session.scalars(select(User).where(User.id == user_id)).first()  # error: BL105
    return {"id": user.id}


@router.get("/sync/")
def list_users_sync(db: Session = Depends(get_db)) -> list:
    # Sync endpoints run in the thread pool: a sync session is right here.
    return db.query(User).all()


async def build_statement(db_name: str) -> str:
    # Building a statement does not touch the database.
    statement = select(User).where(User.name == db_name)
    return str(statement)
