# Clean: the settings a test-utilities package loads for the test suite; MD5 keeps user
# fixtures fast and never stores a real password.
from shop.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = True
