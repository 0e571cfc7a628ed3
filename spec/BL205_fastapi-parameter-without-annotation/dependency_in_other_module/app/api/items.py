from fastapi import APIRouter, Depends

from app import deps
from app.deps import current_tenant

router = APIRouter()


@router.get("/items")
def list_items(paging: dict = Depends(deps.pagination), tenant: str = Depends(current_tenant)
               ) -> dict:
    return {"tenant": tenant, **paging}
