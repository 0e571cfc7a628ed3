import jwt
from jose import jwt as jose_jwt

SECRET_KEY = "loaded-from-env"
PUBLIC_KEYS = {"k1": "-----BEGIN PUBLIC KEY-----"}


def user_from_token(token: str) -> str:
    return jwt.decode(token, SECRET_KEY, algorithms=["HS256"])["sub"]


def rotated_key(token: str) -> dict[str, str]:
    header = jwt.get_unverified_header(token)
    key = PUBLIC_KEYS[header["kid"]]
    return jwt.decode(token, key, algorithms=["RS256"], audience="api")


def jose_user(token: str) -> dict[str, str]:
    return jose_jwt.decode(token, SECRET_KEY, algorithms=["HS256"])


def expiry_ignored_but_signed(token: str) -> dict[str, str]:
    return jwt.decode(token, SECRET_KEY, algorithms=["HS256"], options={"verify_exp": False})


def positional_algorithms(token: str) -> dict[str, str]:
    return jwt.decode(token, SECRET_KEY, ["HS256"])
