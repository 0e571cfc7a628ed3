"""FastAPI dependencies for the orders service: settings, the current user, pagination."""

from __future__ import annotations

import os
from typing import Any

from fastapi import Depends, Header, HTTPException
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def get_settings() -> dict[str, str]:
    return {"jwt_secret": os.environ.get("JWT_SECRET", "dev"), "region": "eu-west-1"}


def _decode_token(token: str, secret: str):
    # BL203: a private helper without a return annotation (the fix infers `-> bool`).
    return secret[:2] in token


def get_current_user(
    token: str = Depends(oauth2_scheme),
    settings=Depends(get_settings),  # BL205: the injected settings are untyped
) -> str:
    if not _decode_token(token, settings["jwt_secret"]):
        raise HTTPException(status_code=401, detail="invalid token")
    return token


def pagination(page=1, size: int = 20) -> dict[str, int]:
    # BL205: `page` is read as an unvalidated query string; the unsafe fix adds `: int`.
    return {"offset": (page - 1) * size, "limit": size}


def tenant_header(
    x_tenant: str = Header(...),
    _user: str = Depends(get_current_user),
    paging: dict[str, int] = Depends(pagination),
):
    # BL202: public, no return annotation (the fix infers `-> str`).
    return f"tenant-{x_tenant}-{paging['offset']}"


def audit_context(request_meta: Any, source) -> dict[str, Any]:
    # BL204 (when selected): `Any` on request_meta; BL201: `source` has no annotation.
    return {"meta": request_meta, "source": source}
