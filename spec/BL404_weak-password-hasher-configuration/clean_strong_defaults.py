from passlib.context import CryptContext

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
pwd_context = CryptContext(schemes=["argon2", "bcrypt"], deprecated="auto")
