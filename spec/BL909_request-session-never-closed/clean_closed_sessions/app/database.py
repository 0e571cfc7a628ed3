from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://app@db/app")
SessionLocal = sessionmaker(bind=engine)
ScopedSession = scoped_session(SessionLocal)
async_session_maker = async_sessionmaker(create_async_engine("postgresql+asyncpg://app@db/app"))
