from fastapi import FastAPI
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

from .routers import orders

# default_limits only run in SlowAPIMiddleware, which this app never adds.
limiter = Limiter(key_func=get_remote_address, default_limits=["60/minute"])  # error: BL503

app = FastAPI()
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
app.include_router(orders.router)
