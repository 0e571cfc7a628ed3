import random
import secrets
import string


def generate_reset_code() -> str:
    return "".join(secrets.choice(string.digits) for _ in range(6))


def api_key() -> str:
    return secrets.token_urlsafe(32)


def retry_delay(attempt: int) -> float:
    jitter = random.random()
    return attempt * 2 + jitter


def shuffled_questions(questions: list[str]) -> list[str]:
    sample = random.sample(questions, k=3)
    return sample


def pick_color() -> str:
    token_color = random.choice(["red", "blue"])
    return token_color


def email_otp(hotp_secret: str, pyotp) -> str:
    count = random.randint(0, 999999999999)
    otp = pyotp.HOTP(hotp_secret).at(count)
    return otp
