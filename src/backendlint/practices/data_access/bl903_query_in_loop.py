"""BL903 query-in-loop."""

from __future__ import annotations

import ast
from typing import Optional, Union

from backendlint.core.context import FileContext, ProjectContext
from backendlint.core.findings import Confidence, Related, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.orm import (
    DJANGO_QUERYSET_METHODS,
    DJANGO_READ_BULK,
    DJANGO_WRITE_BULK,
    SQLALCHEMY_QUERY_CHAIN,
    SQLALCHEMY_READ_TERMINALS,
)
from backendlint.practices.data_access.facts_models import OrmLoop, OrmLoopFacts
from backendlint.practices.data_access.orm_loops import (
    Comprehension,
    FeedsOrmLoops,
    LoopNode,
    OrmLoops,
)
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.orm_models import Orm, OrmModels

_MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
_SKIPPED_PARTS = ("/migrations/", "/management/commands/")
_SESSION_WORDS = ("session", "db")
_RELATED_WRITES = {
    "create": "one `bulk_create([...])` of the related rows after the loop",
    "update": "one `<Related>.objects.filter(<fk>__in=rows).update(...)`",
    "get_or_create": "one `filter(<fk>__in=rows)` and one `bulk_create` of the missing rows",
    "update_or_create": "one `filter(<fk>__in=rows)`, then `bulk_update` and `bulk_create`",
}


class QueryInLoop(FeedsOrmLoops, Rule):
    """## What it does
    Checks for a database query on each iteration of a `for` loop or comprehension whose
    bulk form exists: Django `Model.objects.get(...)`, `.filter(...).first()/.exists()/
    .count()`, `Model.objects.create(...)` and `row.save()` per row; SQLAlchemy
    `session.get(Model, id)`, `session.execute/scalar(s)(select(Model).where(... item ...))`,
    `Model.query.get(id)`, `session.add(row)` with `session.commit()` inside the loop, and
    a model method that commits (`row.save()` whose body, or a base class's, calls
    `db.session.commit()`, found across modules) on each row of a loop over SQLAlchemy rows.
    A read counts only when its filter uses the loop's item (the loop target or a name
    assigned in the body).

    ## Why is this bad?
    Every iteration is a round trip to the database: importing 1 000 rows costs 1 000
    queries (and, with a commit per row, 1 000 transactions) where one or two would do. The
    bulk forms (`in_bulk`, `filter(pk__in=...)`, `bulk_create`, `bulk_update`,
    `select(...).where(Model.id.in_(...))`, `session.add_all` and one commit) do the same
    work in one statement.

    Not reported: loops over a literal (`for kind in ("a", "b")`) or a small `range()`,
    `while` loops (retry loops), migrations and management commands, tests.

    ## Example
    ```python
    from shop.models import Product


    def prices(ids):
        return [Product.objects.get(pk=product_id).price for product_id in ids]
    ```

    Use instead:
    ```python
    from shop.models import Product


    def prices(ids):
        products = Product.objects.in_bulk(ids)
        return [products[product_id].price for product_id in ids]
    ```

    ## Options
    None.

    ## Fix safety
    There is no fix: a bulk form changes when rows are read or written (signals and
    `save()` overrides do not run for `bulk_update`), which the project has to decide.
    """

    code = "BL903"
    name = "query-in-loop"
    severity = Severity.WARNING
    confidence = Confidence.HIGH
    project_level = True
    requires_any_text = ("objects", "session", "query", "db.", "models", "relationship",
                         "Mapped", "Model")

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        path = "/" + self.ctx.path
        self._skip = self.ctx.is_test_file or any(part in path for part in _SKIPPED_PARTS)
        self._adds: set[tuple[int, str]] = set()
        self.loops = OrmLoops.of(ctx)

    def finish(self) -> None:
        self.loops.finish()

    def visit_Call(self, node: ast.Call) -> None:
        loops = self.loops
        loops.visit_call(node)
        if self._skip or not isinstance(node.func, ast.Attribute):
            return
        loop = loops.enclosing_loop()
        if loop is None or _constant_bound(loop) or self._refresh(node):
            return
        found = self._django(loops, loop, node) or self._sqlalchemy(loops, loop, node)
        if found is None:
            return
        what, bulk, confidence = found
        self.report(node, f"`{what}` runs a query on every iteration of the loop over "
                          f"`{_iterable_text(loop)}` (line {loop.lineno}): use {bulk}",
                    confidence=confidence)

    # ------------------------------------------------------------------ project
    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """A model method that commits (`report.save()` whose body calls
        `db.session.commit()`), called on each row of a loop over SQLAlchemy rows."""
        models = OrmModels.of(project)
        for record, facts in project.typed_facts(OrmLoopFacts):
            path = "/" + record.path
            if is_test_path(record.path) or any(part in path for part in _SKIPPED_PARTS):
                continue
            for loop in facts.loops:
                if not loop.calls or loop.source.orm is Orm.NONE:
                    continue
                name = loop.source.model or models.related_model(loop.source.via_relation) \
                    or ""
                model = models.view(name) if name else None
                if model is None:
                    continue
                if loop.source.orm is Orm.DJANGO:
                    cls._django_deletes(project, record.path, loop, model.qualified)
                    continue
                seen: set[str] = set()
                for call in loop.calls:
                    if call.attribute in seen:
                        continue
                    seen.add(call.attribute)
                    method = project.index.method(model.qualified, call.attribute)
                    if method is None or not any(site.callee.endswith("session.commit")
                                                 for site in method.symbol.calls):
                        continue
                    owner = method.qualified.rpartition(".")[0].rpartition(".")[2]
                    project.report(
                        cls, record.path, call.span,
                        f"`{loop.variable}.{call.attribute}()` commits on every iteration of "
                        f"the loop over `{loop.source.text}` (`{owner}.{call.attribute}` "
                        f"calls `session.commit()`): {_commit_advice(call.attribute)}",
                        confidence=Confidence.MEDIUM,
                        related=(Related(method.module.path, method.symbol.line,
                                         method.symbol.column,
                                         f"`{owner}.{call.attribute}` commits"),))

    @classmethod
    def _django_deletes(cls, project: ProjectContext, path: str, loop: OrmLoop,
                        model: str) -> None:
        """`row.delete()` on each row of a queryset loop, unless the model overrides
        `delete()` (a queryset's `delete()` would skip that code)."""
        for call in loop.calls:
            if call.attribute != "delete":
                continue
            if project.index.method(model, "delete") is not None:
                return
            project.report(cls, path, call.span,
                           f"`{loop.variable}.delete()` runs a query on every iteration of the "
                           f"loop over `{loop.source.text}`: use "
                           f"{DJANGO_WRITE_BULK['delete']}", confidence=Confidence.HIGH)
            return

    # ------------------------------------------------------------------ Django
    def _django(self, loops: OrmLoops, loop: Union[LoopNode, Comprehension], node: ast.Call
                ) -> Optional[tuple[str, str, Confidence]]:
        func = node.func
        assert isinstance(func, ast.Attribute)
        method = func.attr
        if method in DJANGO_READ_BULK or method in ("create", "delete", "update"):
            root = func.value
            while isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and \
                    root.func.attr in DJANGO_QUERYSET_METHODS:
                root = root.func.value
            if isinstance(root, ast.Attribute) and root.attr in _MANAGERS and \
                    _class_like(root.value):
                return self._manager_query(loops, loop, node, root, method)
        row = _loop_row(loops, loop, func.value)
        if row is not None:
            # `order.save()`, `order.delete()` on each row of a queryset loop.
            # (`delete()` is decided in the project pass: a model that overrides it, to
            # remove files say, needs the per-row call.)
            if method == "save" and not node.args:
                return f"{row}.{method}()", DJANGO_WRITE_BULK[method], Confidence.HIGH
            return None
        if isinstance(func.value, ast.Attribute) and method in _RELATED_WRITES:
            row = _loop_row(loops, loop, func.value.value)
            if row is not None:
                # `order.lines.create(...)`: a related manager's write per row.
                return f"{row}.{func.value.attr}.{method}()", _RELATED_WRITES[method], \
                    Confidence.MEDIUM
        return None

    def _refresh(self, node: ast.Call) -> bool:
        """`child = Category.objects.get(pk=child.pk)`: the row the loop already holds, read
        again because the loop changed it (what `refresh_from_db()` does); no bulk form
        gives the fresh state."""
        stack = self.ctx.statement_stack
        statement = stack[-1] if stack else None
        if not (isinstance(statement, ast.Assign) and statement.value is node and
                len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name)):
            return False
        name = statement.targets[0].id
        return any(isinstance(keyword.value, ast.Attribute) and keyword.value.attr in ("pk", "id")
                   and isinstance(keyword.value.value, ast.Name) and keyword.value.value.id == name
                   for keyword in node.keywords)

    @staticmethod
    def _manager_query(loops: OrmLoops, loop: Union[LoopNode, Comprehension], node: ast.Call,
                       root: ast.Attribute, method: str
                       ) -> Optional[tuple[str, str, Confidence]]:
        """`Model.objects.get(...)`, `.filter(...).first()`, `.create(...)` with an argument
        that changes per iteration."""
        if loops.per_item(loop, node) is None:
            return None
        text = _chain_text(node)
        func = node.func
        assert isinstance(func, ast.Attribute)
        if method in DJANGO_READ_BULK:
            return text, DJANGO_READ_BULK[method], Confidence.HIGH
        if method == "create":
            return text, DJANGO_WRITE_BULK["create"], Confidence.HIGH
        if method == "update" and func.value is not root:
            return text, "`bulk_update(objs, fields)` or one `filter(pk__in=...).update(...)`", \
                Confidence.MEDIUM
        if method == "delete" and func.value is not root:
            return text, DJANGO_WRITE_BULK["delete"], Confidence.MEDIUM
        return None

    # ------------------------------------------------------------------ SQLAlchemy
    def _sqlalchemy(self, loops: OrmLoops, loop: Union[LoopNode, Comprehension],
                    node: ast.Call) -> Optional[tuple[str, str, Confidence]]:
        func = node.func
        assert isinstance(func, ast.Attribute)
        method = func.attr
        receiver = ast.unparse(func.value)
        sessionish = any(word in receiver.lower() for word in _SESSION_WORDS)
        if method == "add" and sessionish and len(node.args) == 1:
            self._adds.add((id(loop), receiver))
            return None
        if method == "commit" and sessionish and (id(loop), receiver) in self._adds:
            return f"{receiver}.commit()", (f"`{receiver}.add_all(rows)` and one commit after "
                                            f"the loop"), Confidence.HIGH
        if method == "get" and sessionish and len(node.args) == 2 and \
                _class_like(node.args[0]) and loops.per_item(loop, node.args[1]) is not None:
            simple = ast.unparse(node.args[0])
            return f"{receiver}.get({simple}, ...)", \
                f"one `select({simple}).where({simple}.id.in_(ids))` before the loop", \
                Confidence.HIGH
        if method in ("execute", "scalar", "scalars") and sessionish and node.args:
            statement = node.args[0]
            source = loops.query_source_of_statement(statement)
            if source is None or loops.per_item(loop, statement) is None:
                return None
            simple = source.model.rpartition(".")[2]
            return f"{receiver}.{method}(select({simple})...)", \
                f"one `select({simple}).where(<column>.in_(...))` before the loop", \
                Confidence.MEDIUM
        if method in SQLALCHEMY_READ_TERMINALS:
            root = func.value
            while isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and \
                    root.func.attr in SQLALCHEMY_QUERY_CHAIN:
                root = root.func.value
            queried: Optional[ast.expr] = None
            if isinstance(root, ast.Attribute) and root.attr == "query":
                queried = root.value
            elif isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and \
                    root.func.attr == "query" and len(root.args) == 1:
                queried = root.args[0]
            if queried is None or not _class_like(queried) or \
                    loops.per_item(loop, node) is None:
                return None
            name = ast.unparse(queried)
            return _chain_text(node), \
                f"one query with `{name}.<column>.in_(...)` before the loop", Confidence.MEDIUM
        return None


def _commit_advice(method: str) -> str:
    if "delete" in method or "remove" in method:
        return ("delete the rows with one `query.filter(...).delete()` (or `session.delete` "
                "each) and commit once after the loop")
    return "change the rows, `session.add_all` them and commit once after the loop"


def _loop_row(loops: OrmLoops, loop: Union[LoopNode, Comprehension], expr: ast.expr
              ) -> Optional[str]:
    """The loop variable's name when `expr` is it and the loop iterates a Django queryset."""
    if not isinstance(expr, ast.Name):
        return None
    source = loops.loop_source(loop)
    if source is not None and source.source.orm is Orm.DJANGO and source.variable == expr.id:
        return expr.id
    # `order = Order.objects.get(pk=order_id)` earlier in the same iteration.
    binding = loops.semantic.lookup(expr.id)
    if binding is None or binding.kind != "assign" or binding.value is None or \
            not loops.in_loop_body(loop, binding.line):
        return None
    root = binding.value
    while isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute):
        root = root.func.value
    if isinstance(root, ast.Attribute) and root.attr in _MANAGERS and _class_like(root.value):
        return expr.id
    return None


def _chain_text(call: ast.Call) -> str:
    """`Category.objects.filter(...).first()`: the chain with its arguments elided."""
    parts: list[str] = []
    current: ast.expr = call
    while True:
        if isinstance(current, ast.Call):
            parts.append("(...)" if current.args or current.keywords else "()")
            current = current.func
        elif isinstance(current, ast.Attribute):
            parts.append("." + current.attr)
            current = current.value
        else:
            parts.append(ast.unparse(current))
            break
    text = "".join(reversed(parts))
    return text if len(text) <= 80 else text[:77] + "..."


def _class_like(expr: ast.expr) -> bool:
    name = expr.attr if isinstance(expr, ast.Attribute) else \
        expr.id if isinstance(expr, ast.Name) else ""
    return bool(name) and name[0].isupper() and not name.isupper()


def _iterable(loop: Union[LoopNode, Comprehension]) -> ast.expr:
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        return loop.iter
    return loop.generators[0].iter


def _iterable_text(loop: Union[LoopNode, Comprehension]) -> str:
    text = ast.unparse(_iterable(loop))
    return text if len(text) <= 50 else text[:47] + "..."


_SMALL_RANGE = 20
_ORDER_WRAPPERS = frozenset({"sorted", "reversed", "list", "tuple", "enumerate", "set"})


def _constant_bound(loop: Union[LoopNode, Comprehension]) -> bool:
    """A loop over a literal display or a small constant `range()`: a handful of queries."""
    iterable = _iterable(loop)
    for _ in range(4):
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and \
                iterable.func.id in _ORDER_WRAPPERS and iterable.args:
            iterable = iterable.args[0]  # `sorted(SIZES, reverse=True)`: the same items
        elif isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute) and \
                iterable.func.attr in ("keys", "values", "items") and not iterable.args:
            iterable = iterable.func.value
        else:
            break
    if isinstance(iterable, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
        return True
    # `for kind, label in Agreement.TYPE_CHOICES`, `for name in FIELDS`: a constant, by the
    # convention of its UPPER_CASE name.
    name = iterable.attr if isinstance(iterable, ast.Attribute) else \
        iterable.id if isinstance(iterable, ast.Name) else ""
    if len(name) > 1 and name.isupper():
        return True
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and \
            iterable.func.id == "range" and iterable.args and all(
                isinstance(argument, ast.Constant) for argument in iterable.args):
        values = [argument.value for argument in iterable.args
                  if isinstance(argument, ast.Constant)]
        return all(isinstance(value, int) for value in values) and \
            max(value for value in values if isinstance(value, int)) <= _SMALL_RANGE
    return False
