from .settings import *  # noqa: F403

SECRET_KEY = "tests-only"
