from fastapi import Depends, FastAPI, UploadFile

from app.users import get_current_user

app = FastAPI()


@app.post("/contact")
async def send_contact_form(email: str, message: str) -> None:  # error: BL502 "open to anonymous clients"
    return None


@app.post("/posts/{post_id}/comments")
async def add_comment(post_id: int, text: str) -> None:  # error: BL502
    return None


@app.put("/uploads/{name}")
async def upload(name: str, file: UploadFile) -> None:  # error: BL502
    return None


@app.post("/posts/{post_id}/comments/{comment_id}/edit")
async def edit_comment(post_id: int, comment_id: int,
                       user: str = Depends(get_current_user)) -> None:
    return None
