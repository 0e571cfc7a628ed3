from fastapi import APIRouter, Depends
from passlib.context import CryptContext
from pydantic import BaseModel
from sqlalchemy.orm import Session

from .db import get_session
from .models import User

router = APIRouter(prefix="/users")
pwd_context = CryptContext(schemes=["argon2"], deprecated="auto")


class UserCreate(BaseModel):
    email: str
    password: str


class UserUpdate(BaseModel):
    password: str


@router.post("/")
def create_user(user_in: UserCreate, session: Session = Depends(get_session)) -> dict:
    db_user = User(email=user_in.email, hashed_password=user_in.password)  # error: BL406
    session.add(db_user)
    session.commit()
    return {"id": db_user.id}


@router.patch("/{user_id}")
def update_user(user_id: int, body: UserUpdate, session: Session = Depends(get_session)) -> dict:
    db_user = session.get(User, user_id)
    db_user.hashed_password = body.password  # error: BL406
    session.commit()
    return {"id": db_user.id}


# Negatives.


@router.post("/v2")
def create_user_hashed(user_in: UserCreate, session: Session = Depends(get_session)) -> dict:
    db_user = User(email=user_in.email, hashed_password=pwd_context.hash(user_in.password))
    session.add(db_user)
    session.commit()
    return {"id": db_user.id}


@router.patch("/v2/{user_id}")
def update_user_hashed(user_id: int, body: UserUpdate,
                       session: Session = Depends(get_session)) -> dict:
    db_user = session.get(User, user_id)
    password = body.password
    hashed = pwd_context.hash(password)
    db_user.hashed_password = hashed
    echo = UserUpdate(password=body.password)
    session.commit()
    return {"id": db_user.id, "echo": echo.password != ""}
