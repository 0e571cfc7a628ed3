import jwt
from jose import jwt as jose_jwt

SECRET_KEY = "loaded-from-env"
NO_VERIFY = False


def user_from_token(token: str) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})  # error: BL603 "verify_signature"
    return claims["sub"]


def legacy_user(token: str) -> str:
    return jwt.decode(token, SECRET_KEY, verify=NO_VERIFY)["sub"]  # error: BL603 "verify=False"


def any_algorithm(token: str) -> dict[str, str]:
    return jwt.decode(token, SECRET_KEY)  # error: BL603 "algorithms="


def allows_none(token: str) -> dict[str, str]:
    return jwt.decode(token, SECRET_KEY, algorithms=["HS256", "none"])  # error: BL603 "none"


def jose_claims(token: str) -> dict[str, str]:
    return jose_jwt.get_unverified_claims(token)  # error: BL603


def jose_unverified(token: str) -> dict[str, str]:
    return jose_jwt.decode(token, SECRET_KEY, options={"verify_signature": False})  # error: BL603
