from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Account, Entry

router = APIRouter()


@router.post("/entries/bulk")
def store_entries(payload: list[dict], session: Session):
    accounts = {a.id: a for a in session.scalars(
        select(Account).where(Account.id.in_([item["account_id"] for item in payload])))}
    session.add_all([Entry(account_id=accounts[item["account_id"]].id, amount=item["amount"])
                     for item in payload])
    session.commit()
    return {"ok": True}


@router.get("/same")
def same_each_time(payload: list[dict], session: Session):
    totals = []
    for item in payload:
        totals.append(item["amount"])
    session.add(Entry(account_id=1, amount=sum(totals)))
    session.commit()
    return totals


@router.post("/add-only")
def add_only(payload: list[dict], session: Session):
    for item in payload:
        session.add(Entry(account_id=item["account"], amount=item["amount"]))
    session.commit()
    return {"ok": True}
