async def get_current_user() -> str:
    return "user"
