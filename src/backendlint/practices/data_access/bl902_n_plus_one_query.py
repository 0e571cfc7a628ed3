"""BL902 n-plus-one-query."""

from __future__ import annotations

import ast
from dataclasses import replace

from backendlint.core.context import FileContext, ProjectContext
from backendlint.core.findings import Confidence, Related, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.orm import (
    SQLALCHEMY_EAGER_LAZY,
    SQLALCHEMY_QUERY_LAZY,
)
from backendlint.practices.data_access.facts_models import (
    AttributeRead,
    OrmLoop,
    OrmLoopFacts,
    QuerySource,
)
from backendlint.practices.data_access.orm_loops import FeedsOrmLoops, OrmLoops
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.orm_models import (
    ModelView,
    Orm,
    OrmModels,
    OrmRelation,
    RelationKind,
)


class NPlusOneQuery(FeedsOrmLoops, Rule):
    """## What it does
    Checks for loops over a Django queryset or an SQLAlchemy result whose body reads a
    relation of each row (`order.customer.name`, `order.items.all()`, `order.items.count()`)
    that nothing loads with the rows: no `select_related`/`prefetch_related` (on the chain,
    on the variable earlier, or in the manager's `get_queryset`), no SQLAlchemy
    `joinedload`/`selectinload`/`subqueryload`/`contains_eager` option, and no eager
    `lazy=` on the `relationship()`.

    ## Why is this bad?
    Each row's relation is loaded by one more query: a page of 100 orders costs 101 round
    trips to the database instead of one or two. It passes every test on a small fixture
    and collapses under real data, and it is the most common cause of slow list endpoints.

    Which attributes are relations comes from the models (`ForeignKey`, `OneToOneField`,
    `ManyToManyField`, reverse accessors `<model>_set` and `related_name`, SQLAlchemy
    `relationship()`), found across modules through the project index, string references
    (`ForeignKey("shop.Customer")`, `relationship("Customer")`) included. Scalar fields and
    `*_id` attributes are never reported. When the model of a loop cannot be resolved (a
    queryset handed in from outside, a model the project does not define) the rule stays
    silent: it reports only what it can see.

    A queryset is followed through local variables, `list()`, slices, a related manager of
    a row when one relation has that name (`ticket.checklists.all()`), and a project
    function or method called without arguments that returns one (`self.get_orders()`).
    Limits: a queryset that reaches the loop through a parameter, a form, a function called
    with arguments, a DRF view's `queryset`, a serializer or a template is not followed; a related manager's `.filter()` on a
    prefetched relation is not reported (a new query per row, but often intended); in
    SQLAlchemy a many-to-one relation whose rows are already in the session's identity map
    costs no query, which the rule cannot know.

    ## Example
    ```python
    from django.db import models


    class Customer(models.Model):
        name = models.CharField(max_length=100)


    class Order(models.Model):
        customer = models.ForeignKey(Customer, on_delete=models.CASCADE)


    def names():
        return [order.customer.name for order in Order.objects.all()]
    ```

    Use instead:
    ```python
    from django.db import models


    class Customer(models.Model):
        name = models.CharField(max_length=100)


    class Order(models.Model):
        customer = models.ForeignKey(Customer, on_delete=models.CASCADE)


    def names():
        orders = Order.objects.select_related("customer")
        return [order.customer.name for order in orders]
    ```

    ## Options
    None: which attributes are relations is read from the project's models.

    ## Fix safety
    There is no fix: which relations to load, and how (`select_related`, `prefetch_related`,
    an annotation, `joinedload` or `selectinload`), depends on the query.
    """

    code = "BL902"
    name = "n-plus-one-query"
    severity = Severity.WARNING
    confidence = Confidence.HIGH
    project_level = True
    requires_any_text = ("objects", "select", "query", "models", "relationship", "Mapped",
                         "Model", "Manager")

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        self.loops = OrmLoops.of(ctx)

    def visit_Call(self, node: ast.Call) -> None:
        self.loops.visit_call(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.loops.visit_attribute(node)

    def finish(self) -> None:
        self.loops.finish()

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        models = OrmModels.of(project)
        every = project.typed_facts(OrmLoopFacts)
        returns = {record.module: facts.returns for record, facts in every if facts.returns}
        for record, facts in every:
            if is_test_path(record.path):
                continue
            for loop in facts.loops:
                if loop.source.via_function:
                    returned = _returned_source(project, returns, loop.source.via_function)
                    if returned is None:
                        continue
                    loop = replace(loop, source=returned)
                name = loop.source.model or models.related_model(loop.source.via_relation) \
                    or ""
                model = models.view(name) if name else None
                if model is None:
                    project.note(f"{record.path}:{loop.span.line}: BL902: the model of "
                                 f"`{loop.source.text}` is not a project model; not checked")
                    continue
                reported: set[str] = set()
                for read in loop.reads:
                    if read.attribute in reported:
                        continue
                    relation = _lazy_relation(model, loop, read)
                    if relation is None:
                        continue
                    reported.add(read.attribute)
                    project.report(cls, record.path, read.span,
                                   _message(model, loop, read, relation),
                                   related=(Related(record.path, loop.span.line,
                                                    loop.span.column,
                                                    f"the loop over `{loop.source.text}`"),))


# Related-manager methods that write or describe rather than read rows (BL903's business).
_MANAGER_WRITES = frozenset({"add", "remove", "set", "clear", "create", "get_or_create",
                             "update_or_create", "bulk_create", "update", "delete", "model",
                             "through", "none"})


def _returned_source(project: ProjectContext, returns: dict[str, dict[str, QuerySource]],
                     qualified: str) -> QuerySource | None:
    """The query a project function returns (its own facts), with the call's text."""
    function = project.index.function(qualified)
    if function is None:
        return None
    found = returns.get(function.module.module, {}).get(function.symbol.qualname)
    if found is None:
        return None
    name = qualified.rpartition(".")[2]
    return replace(found, text=f"{name}()")


def _covered(paths: list[str], every: bool, attribute: str, kind: RelationKind) -> bool:
    if "*" in paths:
        return True
    if every and kind is RelationKind.ONE:
        return True
    return any(path == attribute or path.startswith(attribute + "__") for path in paths)


def _lazy_relation(model: ModelView, loop: OrmLoop, read: AttributeRead
                   ) -> OrmRelation | None:
    """The relation this read loads row by row, or None (a scalar, covered, not a query)."""
    attribute = read.attribute
    if attribute.endswith("_id") or attribute in model.scalars or attribute.startswith("__"):
        return None
    relation = model.relations.get(attribute)
    if relation is None:
        return None
    source = loop.source
    if _covered(source.eager, source.every, attribute, relation.kind):
        return None
    if relation.orm is Orm.DJANGO:
        manager_paths, manager_every = model.manager_eager.get(source.manager, ([], False))
        if _covered(manager_paths, manager_every, attribute, relation.kind):
            return None
        if relation.kind is RelationKind.MANY and (
                read.method is None or read.method in _MANAGER_WRITES):
            return None  # `order.items` handed on, or a write: no read here
        return relation
    lazy = relation.lazy
    if lazy in SQLALCHEMY_QUERY_LAZY:
        return relation if read.method is not None else None
    if lazy is not None and (lazy in SQLALCHEMY_EAGER_LAZY or lazy in ("False", "?")):
        return None  # loaded with the row, never, or set by code the rule cannot read
    return relation


def _message(model: ModelView, loop: OrmLoop, read: AttributeRead,
             relation: OrmRelation) -> str:
    variable = loop.variable
    simple = model.qualified.rpartition(".")[2]
    accessed = f"`{variable}.{read.attribute}" + (f".{read.method}()`" if read.method
                                                   else "`")
    if relation.orm is Orm.DJANGO:
        if relation.kind is RelationKind.ONE:
            fix = f"add `.select_related(\"{read.attribute}\")` to the queryset"
        else:
            if read.method in ("count", "exists"):
                fix = (f"annotate the queryset with `Count(\"{read.attribute}\")` or add "
                       f"`.prefetch_related(\"{read.attribute}\")` to it")
            elif read.method in ("all", None):
                fix = f"add `.prefetch_related(\"{read.attribute}\")` to the queryset"
            else:
                fix = (f"prefetch the rows once with `Prefetch(\"{read.attribute}\", "
                       f"queryset=...)` (`.{read.method}()` runs a new query even on a "
                       f"prefetched relation)")
        return (f"{accessed} runs one query per `{simple}` row of the loop over "
                f"`{loop.source.text}` (N+1): {fix}")
    if relation.lazy in SQLALCHEMY_QUERY_LAZY:
        return (f"{accessed} runs one query per `{simple}` row of the loop over "
                f"`{loop.source.text}` (N+1; `{read.attribute}` is a `lazy=\"{relation.lazy}\"` "
                f"relationship, which no loader option can load): read every row's "
                f"`{read.attribute}` in one grouped query before the loop")
    option = "joinedload" if relation.kind is RelationKind.ONE else "selectinload"
    return (f"{accessed} loads the lazy relationship `{simple}.{read.attribute}` once per row "
            f"of the loop over `{loop.source.text}` (N+1): add "
            f"`.options({option}({simple}.{read.attribute}))` to the statement")
