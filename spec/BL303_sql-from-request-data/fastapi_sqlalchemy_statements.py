"""FastAPI routes that query through SQLAlchemy's statement API, as most async services do."""

from fastapi import APIRouter, Depends
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import ChannelMember, User

router = APIRouter()


@router.delete("/channels/{channel_id}/apps/{app_id}")
async def remove_app(channel_id: str, app_id: str,
                     db: AsyncSession = Depends(get_session)) -> None:
    # Clean: path values go into the statement as bound parameters.
    await db.execute(
        update(ChannelMember)
        .where(ChannelMember.channel_id == channel_id, ChannelMember.app_id == app_id)
        .values(is_active=False)
    )


@router.get("/users")
async def list_users(name: str, page: int = 1,
                     db: AsyncSession = Depends(get_session)) -> dict:
    # Clean: a statement kept in a variable, then refined.
    stmt = select(User).where(User.name.ilike(f"%{name}%"))
    total = await db.execute(select(func.count()).select_from(stmt.subquery()))
    rows = await db.execute(stmt.order_by(User.name).offset((page - 1) * 30).limit(30))
    return {"total": total.scalar_one(), "users": rows.scalars().all()}


@router.get("/members")
async def members(group_id: str, query: str = "", page: int = 1,
                  db: AsyncSession = Depends(get_session)) -> list:
    # Clean: a statement refined in steps is still a statement.
    stmt = select(User).where(User.group_id == group_id)
    if query:
        stmt = stmt.where(User.name.ilike(f"%{query}%"))
    stmt = stmt.order_by(User.name)
    rows = await db.execute(stmt.offset((page - 1) * 30).limit(30))
    return rows.scalars().all()


@router.get("/users/raw")
async def raw_users(where: str, db: AsyncSession = Depends(get_session)) -> list:
    rows = await db.execute(text(where))  # error: BL303
    return list(rows)
