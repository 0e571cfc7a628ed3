from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Account, Entry

router = APIRouter()


@router.post("/entries")
def store_entries(payload: list[dict], session: Session):
    for item in payload:
        account = session.get(Account, item["account_id"])  # error: BL903 "in_"
        session.add(Entry(account_id=account.id, amount=item["amount"]))
        session.commit()  # error: BL903 "add_all"
    return {"ok": True}


@router.get("/emails")
def emails(ids: list[int], session: Session):
    found = []
    for account_id in ids:
        stmt = select(Account).where(Account.id == account_id)
        found.append(session.scalars(stmt).one())  # error: BL903
    return found


@router.get("/legacy")
def legacy(ids: list[int], session: Session):
    return [session.query(Account).filter(Account.id == pk).first() for pk in ids]  # error: BL903
