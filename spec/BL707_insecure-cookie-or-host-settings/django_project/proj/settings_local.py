from .settings import *  # noqa: F403

ALLOWED_HOSTS = ["*"]
SESSION_COOKIE_SECURE = False
