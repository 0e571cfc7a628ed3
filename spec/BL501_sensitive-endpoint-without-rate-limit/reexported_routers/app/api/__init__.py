from .v1 import login_router, users_router

__all__ = ["login_router", "users_router"]
