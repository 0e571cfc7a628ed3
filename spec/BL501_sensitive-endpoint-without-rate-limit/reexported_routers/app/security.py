async def require_admin() -> None:
    return None
