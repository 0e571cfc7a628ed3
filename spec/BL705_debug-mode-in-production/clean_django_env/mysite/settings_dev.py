from .settings import *  # noqa: F403

DEBUG = True
