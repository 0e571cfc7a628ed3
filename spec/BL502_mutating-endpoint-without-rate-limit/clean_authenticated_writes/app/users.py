async def current_active_user() -> str:
    return "user"
