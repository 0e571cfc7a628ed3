from fastapi import FastAPI
from fastapi.middleware.wsgi import WSGIMiddleware

from portal.legacy import legacy

app = FastAPI()
app.mount("/legacy", WSGIMiddleware(legacy))
