from fastapi import Depends, Header, HTTPException


def account_from_cookie(session: str = Header("")) -> dict[str, str]:
    if not session:
        raise HTTPException(status_code=401)
    return {"id": session}


def check_account_id_exists(account: dict[str, str] = Depends(account_from_cookie)) -> str:
    return account["id"]
