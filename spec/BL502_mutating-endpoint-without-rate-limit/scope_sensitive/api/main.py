from fastapi import FastAPI

app = FastAPI()


@app.post("/reports")
async def create_report(name: str) -> dict[str, str]:
    return {"name": name}
