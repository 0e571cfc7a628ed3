from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://shop@db/shop")
SessionLocal = sessionmaker(bind=engine)


def get_db():
    return SessionLocal()


def get_db_generator():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
