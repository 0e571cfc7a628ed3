from fastapi import FastAPI

app = FastAPI()


@app.get("/reports/{report_id}")
async def get_report(report_id: int) -> dict[str, int]:  # error: BL502
    return {"id": report_id}


@app.post("/reports")
async def create_report(name: str) -> dict[str, str]:  # error: BL502
    return {"name": name}
