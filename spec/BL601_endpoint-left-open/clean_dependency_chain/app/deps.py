from typing import Annotated, Optional

from fastapi import Cookie, Depends, Header, HTTPException
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/token", auto_error=False)


def check_access_token(
    header_token: Annotated[Optional[str], Depends(oauth2_scheme)],
    cookie_token: Annotated[Optional[str], Cookie()] = None,
) -> Optional[str]:
    return header_token or cookie_token


def account_from_cookie(session: str = Header("")) -> dict[str, str]:
    if not session:
        raise HTTPException(status_code=401)
    return {"id": session}


def check_account_id_exists(
    access_token: Annotated[Optional[str], Depends(check_access_token)],
) -> str:
    return access_token or ""
