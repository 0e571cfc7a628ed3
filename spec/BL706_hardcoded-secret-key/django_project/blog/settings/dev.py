from .common import *  # noqa: F403

SECRET_KEY = "dev-only-key"
