"""Requirements reached through a dependency chain, and endpoints public on purpose."""

from fastapi import APIRouter, Depends, Header

from app.deps import check_account_id_exists

router = APIRouter(prefix="/payments")


@router.get("/stats/count")
def count(account_id: str = Depends(check_account_id_exists)) -> int:
    return 0


@router.get("/stats/daily")
def daily(account_id: str = Depends(check_account_id_exists)) -> list[int]:
    return []


@router.get("/history")
def history(account_id: str = Depends(check_account_id_exists)) -> list[int]:
    return []


@router.get("/{payment_hash}")
def payment(payment_hash: str, x_api_key: str | None = Header(None)) -> dict[str, str]:
    return {"hash": payment_hash}


@router.get("/.well-known/lnurlp/{username}")
def lightning_address(username: str) -> dict[str, str]:
    return {"user": username}
