from fastapi import Header, HTTPException


def require_api_key(x_api_key: str = Header(...)) -> None:
    if x_api_key != "":
        return None
    raise HTTPException(status_code=403)
