from dataclasses import dataclass

from sqlalchemy.orm import Session

from .models import Account


@dataclass
class SignupCommand:
    email: str
    password: str


async def sign_up(session: Session, command: SignupCommand) -> Account:
    account = Account(email=command.email, password_digest=command.password)  # error: BL406
    session.add(account)
    return account


class SmtpClient:
    def __init__(self, host: str, password: str) -> None:
        self.host = host
        self.password_digest = password


def reset(account: Account, new_password: str) -> None:
    account.password_digest = new_password  # error: BL406
