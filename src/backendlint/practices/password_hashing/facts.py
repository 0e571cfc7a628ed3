"""What one module tells the BL406 project pass: the password attributes its ORM models
declare, the attributes it hashes in a setter, and the stores it could not judge alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from backendlint.core.facts import ModuleFacts, Span


@dataclass
class PendingStore:
    """`obj.password = raw` on an object that is a stored row only if some module declares an
    ORM column of that name and no module hashes it in a setter."""

    attr: str
    span: Span
    message: str


@dataclass
class PasswordFacts(ModuleFacts):
    practice: ClassVar[str] = "password-hashing"
    version: ClassVar[int] = 3

    # Attributes hashed on assignment: `@password.setter`, `@validates("password")`,
    # `password = property(get, set)`.
    setters: list[str] = field(default_factory=list)
    # Password-like columns of ORM model classes.
    orm_fields: list[str] = field(default_factory=list)
    # The same in classes that hold credentials for other services (`MailAccount.password`).
    outbound_fields: list[str] = field(default_factory=list)
    stores: list[PendingStore] = field(default_factory=list)
