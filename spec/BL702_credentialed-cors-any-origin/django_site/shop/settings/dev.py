from .base import *  # noqa: F403

CORS_ORIGIN_ALLOW_ALL = True
