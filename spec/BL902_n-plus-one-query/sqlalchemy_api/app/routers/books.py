from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.db import SessionLocal
from app.models import Author, Book

router = APIRouter()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@router.get("/books")
def list_books(db: Session = Depends(get_db)):
    books = db.scalars(select(Book).order_by(Book.title)).all()
    return [{"title": book.title, "author": book.author.name} for book in books]  # error: BL902 "joinedload"


@router.get("/authors")
def list_authors(db: Session = Depends(get_db)):
    out = []
    for author in db.execute(select(Author)).scalars():
        out.append({"name": author.name, "books": [b.title for b in author.books]})  # error: BL902 "selectinload"
    return out


@router.get("/legacy")
def legacy(db: Session = Depends(get_db)):
    return [book.author.name for book in db.query(Book).filter(Book.id > 0).all()]  # error: BL902
