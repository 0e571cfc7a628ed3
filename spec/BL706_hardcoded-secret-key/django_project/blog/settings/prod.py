from .common import *  # noqa: F403

JWT_SECRET_KEY = "jwt-signing-key-2023"  # error: BL706
