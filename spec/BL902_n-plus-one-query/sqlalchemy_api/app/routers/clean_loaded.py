from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import Author, Book

router = APIRouter()


@router.get("/books/eager")
def books_eager(db: Session):
    stmt = select(Book).options(joinedload(Book.author))
    return [(book.author.name, book.publisher.name, len(book.reviews))
            for book in db.scalars(stmt)]


@router.get("/authors/eager")
def authors_eager(db: Session):
    rows = db.scalars(select(Author).options(selectinload(Author.books))).all()
    return [[b.title for b in author.books] for author in rows]


@router.get("/legacy/eager")
def legacy_eager(db: Session):
    query = db.query(Book).options(joinedload("author"))
    return [book.author.name for book in query.all()]


@router.get("/scalars")
def scalar_columns(db: Session):
    return [(book.title, book.author_id) for book in db.scalars(select(Book))]


@router.get("/books/joined")
def books_joined(db: Session):
    from sqlalchemy.orm import contains_eager

    stmt = select(Book).join(Book.author).options(contains_eager(Book.author))
    return [book.author.name for book in db.scalars(stmt).unique()]


@router.get("/reviews")
def reviews(db: Session):
    from app.models import Review

    # `lazy="raise"`: reading it raises instead of querying.
    return [(review.stars, review.book) for review in db.scalars(select(Review))]
