"""Shared dependencies, used by the routers in app/api."""

from fastapi import Depends, Header, HTTPException


class Settings:
    page_size = 50


def get_settings() -> Settings:
    return Settings()


def pagination(page=1, size=20):  # error: BL205, BL205
    return {"page": page, "size": size}


def current_tenant(x_tenant_id: str = Header(...), settings=Depends(get_settings)) -> str:  # error: BL205
    if not x_tenant_id:
        raise HTTPException(status_code=400, detail="missing tenant")
    return x_tenant_id


def audit_label(action) -> str:
    # Not a dependency anywhere: BL201's business, not BL205's.
    return f"audit:{action}"
