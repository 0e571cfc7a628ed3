from fastapi import FastAPI, Request
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address


def make_limiter() -> Limiter:
    limiter = Limiter(key_func=get_remote_address)
    return limiter


admin = FastAPI()
# The factory's Limiter, attached where it is made: not "never attached".
admin.state.limiter = make_limiter()
admin.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


@admin.post("/admin/login")
async def admin_login(request: Request) -> None:
    return None
