"""BL406: a plaintext password stored in a model field (a project rule: whether an attribute
is a stored column, and whether a setter hashes it, may be known only from other modules)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Optional, Union

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.knowledge.hashing import ORM_PREFIXES, SCHEMA_BASES
from backendlint.knowledge.words import PASSWORD_TEXT_NEEDLES
from backendlint.practices.password_hashing.facts import PasswordFacts, PendingStore
from backendlint.practices.password_hashing.reading import PasswordRule, is_orm_base
from backendlint.practices.password_hashing.vocabulary import (
    is_hash_name,
    is_outbound_credential_name,
    is_outbound_holder_name,
    is_stored_holder_chain,
    is_user_model_class_name,
)
from backendlint.semantic.analyze.classes import (
    class_annotations,
    class_constants,
    is_dataclass,
    subscript_origin,
)
from backendlint.semantic.analyze.dataflow import chain_names, leaf_name, value_holder
from backendlint.semantic.model import Binding

if TYPE_CHECKING:
    from backendlint.core.context import FileContext

_DJANGO = ("django",)


class PlaintextPasswordStorage(PasswordRule):
    """## What it does
    Checks for a plaintext password stored in a model field: a password-like value read from
    a parameter or a request (`form.password.data`, `request.POST["password"]`,
    `payload.password`, `data.get("password")`) assigned, without passing through a hasher,
    to a password-like attribute of a user-like object (`user.password = ...`,
    `account.password_hash = ...`, `self.password = ...` in a model class), passed to a user
    model constructor (`User(password=raw)`), or to Django's
    `User.objects.create(password=raw)` (unlike `create_user`, it does not hash).

    In Django modules `user.password = raw` is always reported: the field holds the hash, and
    `set_password()` writes it. Elsewhere the project pass reports a store only when some
    module of the project declares an ORM model (SQLAlchemy, Flask-SQLAlchemy, SQLModel,
    Django, peewee, tortoise, mongoengine: a model base, `__tablename__` or column calls) with
    a column of that name, and no module hashes in a property setter (`@password.setter`,
    `password = property(get, set)`, also inside `synonym(..., descriptor=...)`) or a
    SQLAlchemy `@validates("password")`. In-memory objects and input schemas are left
    alone, and so are credentials the service sends to another service (`smtp_password`,
    `bind_password`, `api_password`, any password column of a class such as `MailAccount`
    or `LdapSettings`): those must stay recoverable (encrypt them at rest instead).

    ## Why is this bad?
    A database leak (a backup, a SQL injection, a log of the row) hands out every user's
    password, and users reuse them elsewhere.

    ## Example
    ```python
    from django.contrib.auth.models import User


    def register(request):
        user = User(username=request.POST["username"])
        user.password = request.POST["password"]
        user.save()
    ```

    Use instead:
    ```python
    from django.contrib.auth.models import User


    def register(request):
        user = User(username=request.POST["username"])
        user.set_password(request.POST["password"])
        user.save()
    ```

    ## Options
    - `password-names` in `[tool.backendlint.password-hashing]`: extra name patterns.

    ## Fix safety
    There is no fix: the hasher to call depends on the framework.
    """

    code = "BL406"
    name = "plaintext-password-storage"
    severity = Severity.ERROR
    confidence = Confidence.MEDIUM
    cwe = 256
    project_level = True
    requires_any_text = PASSWORD_TEXT_NEEDLES

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        self.facts = PasswordFacts()

    def finish(self) -> None:
        facts = self.facts
        if facts.setters or facts.orm_fields or facts.outbound_fields or facts.stores:
            self.ctx.set_facts(facts)

    # -------------------------------------------------------------- hashing setters
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._collect_setters(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._collect_setters(node)

    def _collect_setters(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> None:
        for decorator in node.decorator_list:
            for attr in self._setter_targets(decorator):
                if attr not in self.facts.setters:
                    self.facts.setters.append(attr)

    def _setter_targets(self, decorator: ast.expr) -> list[str]:
        if isinstance(decorator, ast.Attribute) and decorator.attr == "setter" \
                and isinstance(decorator.value, ast.Name):
            return [decorator.value.id]
        if isinstance(decorator, ast.Call):
            qualified = self.model.qualified_name(decorator.func) or ""
            if qualified.endswith("validates"):
                return [arg.value for arg in decorator.args
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        return []

    def _collect_property_setters(self, node: ast.ClassDef) -> None:
        """`password = property(_get_password, _set_password)`, also wrapped as SQLAlchemy
        does it (`db.synonym("_password", descriptor=property(get, set))`): a setter that
        may hash, like `@password.setter`."""
        for statement in node.body:
            if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)):
                continue
            name = statement.targets[0].id
            if self.password_name(name) and name not in self.facts.setters and any(
                    self._is_property_with_setter(call) for call in ast.walk(statement.value)):
                self.facts.setters.append(name)

    def _is_property_with_setter(self, node: ast.AST) -> bool:
        return (isinstance(node, ast.Call)
                and self.model.qualified_name(node.func) == "builtins.property"
                and (len(node.args) >= 2 or any(k.arg == "fset" for k in node.keywords)))

    # -------------------------------------------------------------- ORM columns
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._collect_property_setters(node)
        if not self._is_orm_class(node):
            return
        # Columns of a class holding credentials for other services are not user passwords.
        fields = (self.facts.outbound_fields if is_outbound_holder_name(node.name)
                  else self.facts.orm_fields)
        for name in (*class_constants(node), *class_annotations(node)):
            if self.password_name(name) and name not in fields:
                fields.append(name)

    def _is_orm_class(self, node: ast.ClassDef) -> bool:
        if any(is_orm_base(base) for base in self.class_bases(node)):
            return True
        values = class_constants(node)
        if "__tablename__" in values or "__collection__" in values:
            return True
        if any(isinstance(value, ast.Call) and (self.model.qualified_name(value.func) or "")
               .startswith(ORM_PREFIXES) for value in values.values()):
            return True
        # SQLAlchemy 2.0: `hashed_password: Mapped[str]` on a base declared elsewhere.
        return any((self.model.qualified_name(subscript_origin(annotation)) or "")
                   .startswith("sqlalchemy.") for annotation in
                   class_annotations(node).values())

    # -------------------------------------------------------------- stores
    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            # A private attribute (`self._password` in Django's set_password) keeps the raw
            # value in memory for a signal; it is not a stored field.
            if isinstance(target, ast.Attribute) and not target.attr.startswith("_") \
                    and self.password_name(target.attr):
                self._check_attribute(target, node.value)

    def _check_attribute(self, target: ast.Attribute, value: ast.expr) -> None:
        source = self.plaintext(value)
        if source is None or self._outbound(target.attr, target.value):
            return
        verdict = self._holder_verdict(target.value, target.attr)
        if verdict is None:
            return
        message = (f"`{self.ctx.source.segment(target)}` is assigned the plaintext "
                   f"`{source}`; {self._advice()}")
        self._emit(target, target.attr, message, immediate=verdict)

    def _outbound(self, field: str, holder: Optional[ast.expr] = None,
                  class_name: str = "") -> bool:
        """A credential for another service (SMTP, LDAP bind, an API client): it has to stay
        recoverable, so storing it as given is not a plaintext user password."""
        if is_outbound_credential_name(field) or is_outbound_holder_name(class_name):
            return True
        if isinstance(holder, ast.Name) and holder.id == "self":
            cls = self.model.enclosing_class()
            return cls is not None and is_outbound_holder_name(cls.name)
        return holder is not None and any(is_outbound_holder_name(name)
                                          for name in chain_names(holder))

    def _holder_verdict(self, holder: ast.expr, attr: str) -> Optional[bool]:
        """True: report now; False: report unless the project hashes in a setter; None: the
        holder is not a stored user."""
        if isinstance(holder, ast.Name) and holder.id == "self":
            cls = self.model.enclosing_class()
            bases = self.class_bases(cls)
            if any(base.startswith("django.") for base in bases):
                return True
            return False if any(is_orm_base(base) for base in bases) else None
        names = chain_names(holder)
        if not names or not is_user_model_class_name(names[-1]):
            return None
        django = self.model.imports_any(_DJANGO)
        return bool(django and attr == "password")

    def visit_Call(self, node: ast.Call) -> None:
        password = self._password_keyword(node)
        if password is None:
            return
        func = node.func
        class_name = func.attr if isinstance(func, ast.Attribute) else \
            func.id if isinstance(func, ast.Name) else ""
        if self._outbound(password[0].arg or "", class_name=class_name):
            return
        if isinstance(func, ast.Attribute) and func.attr == "create" \
                and isinstance(func.value, ast.Attribute) and func.value.attr == "objects":
            if self.model.imports_any(_DJANGO):
                self._report_keyword(node, password, "`objects.create()` does not hash; use "
                                                     "`objects.create_user()`", True)
            return
        verdict = self._constructor_verdict(func)
        if verdict is not None:
            self._report_keyword(node, password, self._advice(), verdict)

    def _password_keyword(self, node: ast.Call) -> Optional[tuple[ast.keyword, str]]:
        for item in node.keywords:
            if item.arg and self.password_name(item.arg):
                source = self.plaintext(item.value)
                if source is not None:
                    return item, source
        return None

    def _report_keyword(self, node: ast.Call, password: tuple[ast.keyword, str], advice: str,
                        immediate: bool) -> None:
        keyword, source = password
        message = f"`{keyword.arg}=` receives the plaintext `{source}`; {advice}"
        self._emit(node, keyword.arg or "", message, immediate=immediate)

    def _constructor_verdict(self, func: ast.expr) -> Optional[bool]:
        class_name = func.attr if isinstance(func, ast.Attribute) else \
            func.id if isinstance(func, ast.Name) else ""
        if not is_user_model_class_name(class_name):
            return None
        binding = self.model.lookup(class_name) if isinstance(func, ast.Name) else None
        if binding is not None and isinstance(binding.node, ast.ClassDef):
            bases = self.class_bases(binding.node)
            if any(base.startswith(SCHEMA_BASES) for base in bases) or \
                    is_dataclass(self.model, binding.node):
                return None
            if any(base.startswith("django.") for base in bases):
                return True
        qualified = self.model.qualified_name(func) or ""
        if qualified.startswith(SCHEMA_BASES):
            return None
        return qualified.startswith("django.")

    def _advice(self) -> str:
        if self.model.imports_any(_DJANGO):
            return "call `user.set_password(raw)` (or `make_password`) instead"
        return ("hash it first (`generate_password_hash`, `bcrypt.hashpw`, "
                "`argon2.PasswordHasher().hash`)")

    def _emit(self, node: ast.AST, attr: str, message: str, immediate: bool) -> None:
        if self.ctx.is_test_file:
            return  # fixtures write raw or marker values (`"!"`) straight into test users
        if immediate:
            self.report(node, message)
            return
        self.facts.stores.append(PendingStore(attr, self.ctx.span(node), message))

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        facts = project.typed_facts(PasswordFacts)
        setters = {name for _, module_facts in facts for name in module_facts.setters}
        columns = {name for _, module_facts in facts for name in module_facts.orm_fields}
        for module, module_facts in facts:
            for store in module_facts.stores:
                if store.attr in columns and store.attr not in setters:
                    project.report(cls, module.path, store.span, store.message)

    # -------------------------------------------------------------- plaintext sources
    def plaintext(self, value: Optional[ast.expr], depth: int = 0) -> Optional[str]:
        """The source text of a value that is a password as typed, or None (a hasher's result,
        a constant, anything unknown)."""
        if value is None or depth > 4:
            return None
        if isinstance(value, ast.Name):
            return self._plaintext_name(value, depth)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in ("strip", "encode"):
            return self.plaintext(value.func.value, depth + 1)
        if isinstance(value, ast.Attribute) and value.attr == "data":
            return self.plaintext(value.value, depth + 1)
        holder = value_holder(value)
        key = leaf_name(self.model, value) if holder is not None else None
        if holder is None or key is None or not self.password_name(key) or is_hash_name(key):
            return None
        # `user.password = other_user.password` copies a hash, it does not store a password.
        if is_stored_holder_chain(chain_names(holder)):
            return None
        return self.ctx.source.segment(value) or key

    def _plaintext_name(self, value: ast.Name, depth: int) -> Optional[str]:
        binding: Optional[Binding] = self.model.lookup(value.id)
        if binding is None:
            return None
        if binding.kind in ("assign", "annassign"):
            return self.plaintext(binding.value, depth + 1)
        if binding.kind == "param" and self.password_name(value.id) \
                and not is_hash_name(value.id):
            return value.id
        return None
