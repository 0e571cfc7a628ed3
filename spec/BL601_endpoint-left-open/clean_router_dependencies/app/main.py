from fastapi import APIRouter, Depends, FastAPI

from app.deps import require_api_key

router = APIRouter(dependencies=[Depends(require_api_key)])


@router.get("/reports")
def reports() -> list[int]:
    return []


@router.post("/reports")
def create_report() -> dict[str, int]:
    return {"id": 1}


@router.delete("/reports/{report_id}")
def delete_report(report_id: int) -> None:
    return None


app = FastAPI()
app.include_router(router, prefix="/api")
