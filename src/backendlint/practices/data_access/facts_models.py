"""Typed facts of the ORM loop rules (BL902): loops over querysets and statements, and which
attributes of the loop variable their bodies read. The project pass decides which of those
are relations, from the models' facts (`semantic/orm_models.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional

from backendlint.core.facts import ModuleFacts, Span
from backendlint.semantic.orm_models import Orm


@dataclass
class QuerySource:
    """What a loop iterates: rows of one model, as a queryset chain or a statement built."""

    orm: Orm
    # The model expression as the semantic model resolved it (`shop.models.Order`).
    model: str
    # Django: the manager attribute the chain starts from (`objects`); "" otherwise.
    manager: str = ""
    # Relations loaded with the rows: `select_related`/`prefetch_related` paths, or the
    # attributes named by SQLAlchemy loader options; `every` for `select_related()` or `"*"`.
    eager: list[str] = field(default_factory=list)
    every: bool = False
    # How the source reads in the code, for the message (`Order.objects.filter(...)`).
    text: str = ""
    # A related manager of an object the file cannot type (`ticket.checklists.all()`): the
    # relation's name; the project pass finds the model when one relation has that name.
    via_relation: str = ""
    # A call of a project function or method that returns a queryset (`get_orders()`,
    # `self.get_bills()`): its qualified name; the project pass reads what it returns.
    via_function: str = ""


@dataclass
class AttributeRead:
    attribute: str
    span: Span
    # The method called on the attribute (`all` in `order.items.all()`), if any.
    method: Optional[str] = None


@dataclass
class OrmLoop:
    source: QuerySource
    variable: str
    span: Span
    reads: list[AttributeRead] = field(default_factory=list)
    # Methods called on the loop variable itself (`report.save()`), `method` unset.
    calls: list[AttributeRead] = field(default_factory=list)


@dataclass
class OrmLoopFacts(ModuleFacts):
    practice: ClassVar[str] = "data-access-orm-loops"
    version: ClassVar[int] = 3

    loops: list[OrmLoop] = field(default_factory=list)
    # Querysets and statements that module-level functions and methods return, by qualname
    # within the module (`get_orders`, `Project.get_bills`).
    returns: dict[str, QuerySource] = field(default_factory=dict)
