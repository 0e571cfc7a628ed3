"""Module-level engine and session factory: built once per process."""

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from app.settings import DATABASE_URL

engine = create_async_engine(DATABASE_URL, pool_size=10)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
