import random
import string


def generate_reset_code() -> str:
    return "".join(random.choices(string.digits, k=6))  # error: BL607 "generate_reset_code"


def invite(user) -> None:
    invite_token = str(random.getrandbits(64))  # error: BL607
    user.invite_token = invite_token


def make_otp() -> int:
    otp = random.randint(100000, 999999)  # error: BL607 "otp"
    return otp


def new_session(store) -> None:
    store.create(session_id=f"s{random.random()}")  # error: BL607 "session_id"
