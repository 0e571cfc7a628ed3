"""The questions every BL4xx check asks of the code around a node, with the practice's
options applied: is this a password, a secret, a stored row, test code?"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import TYPE_CHECKING, Optional

from backendlint.core.rule import Rule
from backendlint.knowledge.hashing import ORM_PREFIXES
from backendlint.practices.password_hashing.options import PasswordHashingOptions
from backendlint.practices.password_hashing.vocabulary import (
    is_hash_name,
    is_password_name,
    is_secret_name,
    is_stored_holder_chain,
    is_test_name,
    is_user_model_class_name,
)
from backendlint.semantic.analyze.classes import class_bases
from backendlint.semantic.analyze.dataflow import chain_names, leaf_name, value_holder
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.model import SemanticModel

if TYPE_CHECKING:
    from backendlint.core.context import FileContext
    from backendlint.core.practice import PracticeOptions


def is_orm_base(qualified: str) -> bool:
    """A model base of an ORM (`django.db.models.Model`, `db.Model` of Flask-SQLAlchemy)."""
    if qualified.startswith(ORM_PREFIXES):
        return True
    # `db = SQLAlchemy()` then `class User(db.Model)`; `Base = declarative_base()`.
    return qualified.endswith(".Model") and "sqlalchemy" in qualified.lower()


class PasswordReading:
    """Mixed into the practice's rules and its file analysis (both have `ctx` and `options`)."""

    ctx: FileContext
    options: PracticeOptions

    @property
    def settings(self) -> PasswordHashingOptions:
        assert isinstance(self.options, PasswordHashingOptions)
        return self.options

    @property
    def model(self) -> SemanticModel:
        return self.ctx.semantic

    def password_name(self, name: Optional[str]) -> bool:
        return bool(name) and is_password_name(name or "", self.settings.password_names)

    def secret_name(self, name: Optional[str]) -> bool:
        return bool(name) and is_secret_name(name or "", self.settings.secret_names)

    def password_leaf(self, leaves: Iterable[ast.expr]) -> Optional[str]:
        """The first leaf that is a password as typed. Stored hashes (`hashed_password`,
        `user.password` of a user row) are left out: hashing a stored hash, say to bind a
        reset token to the current password, stores no password."""
        for leaf in leaves:
            name = leaf_name(self.model, leaf)
            if not self.password_name(name) or is_hash_name(name or ""):
                continue
            holder = value_holder(leaf)
            if holder is not None and self.is_stored_holder(holder):
                continue
            return name
        return None

    def statement(self) -> Optional[ast.stmt]:
        stack = self.ctx.statement_stack
        return stack[-1] if stack else None

    def function_name(self) -> Optional[str]:
        function = self.model.current_function()
        return function.name if function is not None else None

    def class_bases(self, cls: Optional[ast.ClassDef]) -> list[str]:
        return class_bases(self.model, cls)

    def is_stored_holder(self, holder: ast.expr) -> bool:
        """Whether an object holds stored credentials: a user row, or `self` in a user or ORM
        model class."""
        if isinstance(holder, ast.Name) and holder.id == "self":
            cls = self.model.enclosing_class()
            return cls is not None and (is_user_model_class_name(cls.name)
                                        or any(is_orm_base(base)
                                               for base in self.class_bases(cls)))
        return is_stored_holder_chain(chain_names(holder))

    def in_test_code(self) -> bool:
        """A test module, or a test configuration class or function (`TestingConfig`,
        `test_login`): Flask and Django docs lower the cost there on purpose."""
        if is_test_path(self.ctx.path):
            return True
        return any(is_test_name(getattr(scope.node, "name", ""))
                   for scope in self.model.iter_scopes())



class PasswordRule(PasswordReading, Rule):
    """Base of the self-contained BL4xx rules; not a rule itself (no `code`)."""
