from fastapi import APIRouter

router = APIRouter()


@router.get("/health")
def health()  # error: BL001
    return {"status": "ok"}
