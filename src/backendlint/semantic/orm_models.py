"""ORM models as facts: which classes are Django or SQLAlchemy models, which of their
attributes are relations, and what their managers load eagerly.

The per-file half (`model_class`, `queryset_eager`) reads one class body or one queryset
chain at the node a visitor is at (never the whole tree); the facts (`OrmModelFacts`) carry
it to the project pass, where `OrmModels` joins every module's classes through the project
index: inherited fields through the MRO, reverse accessors (`<model>_set`, `related_name`)
added to the target model, string references (`"shop.Customer"`, `relationship("Customer")`)
matched to the model they name.
"""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Optional

from backendlint.core.facts import ModuleFacts
from backendlint.knowledge.orm import (
    DJANGO_EAGER_METHODS,
    DJANGO_FIELD_PREFIXES,
    DJANGO_FORWARD_RELATIONS,
    DJANGO_MANAGER_BASES,
    DJANGO_MANY_RELATIONS,
    DJANGO_ONE_TO_ONE,
    DJANGO_PREFETCH,
    DJANGO_THIRD_PARTY_MODEL_BASES,
    EXTENSION_MODEL_ATTRIBUTE,
    EXTENSION_RELATIONSHIP_ATTRIBUTES,
    MODEL_BASE_FACTORIES,
    MODEL_BASES,
    SQLALCHEMY_RELATIONSHIP,
)
from backendlint.semantic.analyze.annotations import parse_string_annotation
from backendlint.semantic.model import SemanticModel

if TYPE_CHECKING:
    from backendlint.core.context import ProjectContext
    from backendlint.semantic.index import ProjectIndex


class RelationKind(str, enum.Enum):
    """How reading the attribute on one instance behaves."""

    ONE = "one"      # one related row: `order.customer` (FK, one-to-one, many-to-one)
    MANY = "many"    # a manager or collection of rows: `order.items.all()`, `user.orders`


class Orm(str, enum.Enum):
    DJANGO = "django"
    SQLALCHEMY = "sqlalchemy"
    NONE = ""


@dataclass
class OrmRelation:
    name: str
    kind: RelationKind
    orm: Orm
    # The related model as written: qualified (`shop.models.Customer`), a string reference
    # (`"shop.Customer"`, `"Customer"`, `"self"`), or "" when the model cannot tell.
    target: str = ""
    # Django: the reverse accessor's name on the target (`related_name`; "+" for none);
    # SQLAlchemy: `backref=`.
    reverse_name: Optional[str] = None
    one_to_one: bool = False
    # SQLAlchemy `lazy=` as written ("select", "joined", "dynamic", ...; None when absent).
    lazy: Optional[str] = None
    line: int = 0


@dataclass
class OrmClass:
    """A class that declares ORM fields, relations, managers or a `get_queryset`."""

    qualname: str
    line: int
    orm: Orm = Orm.NONE
    bases: list[str] = field(default_factory=list)
    relations: list[OrmRelation] = field(default_factory=list)
    # Names of scalar fields (columns): never relations.
    scalars: list[str] = field(default_factory=list)
    # Manager attributes (`objects = OrderManager()`) and the class they instantiate.
    managers: dict[str, str] = field(default_factory=dict)
    # `get_queryset` of a manager or queryset class: the select/prefetch paths it adds.
    eager: list[str] = field(default_factory=list)
    eager_all: bool = False
    abstract: bool = False


@dataclass
class OrmModelFacts(ModuleFacts):
    practice: ClassVar[str] = "orm-models"
    version: ClassVar[int] = 1

    classes: dict[str, OrmClass] = field(default_factory=dict)


# ---------------------------------------------------------------- per-file: class bodies
def _call_name(semantic: SemanticModel, value: ast.expr) -> str:
    if isinstance(value, ast.Call):
        return semantic.qualified_name(value.func) or ""
    return ""


def _is_relationship(name: str) -> bool:
    """`relationship(...)`, and `db.relationship(...)` of a Flask-SQLAlchemy extension object,
    also when `db` is imported from the project's own module (`from app import db`), where
    the file cannot see its value: in a class body, an attribute call of that name is one."""
    if name in SQLALCHEMY_RELATIONSHIP:
        return True
    head, _, attr = name.rpartition(".")
    return bool(head) and attr in EXTENSION_RELATIONSHIP_ATTRIBUTES


def _reference(semantic: SemanticModel, expr: Optional[ast.expr]) -> str:
    """The model a relation points at, as written: qualified or the string."""
    if expr is None:
        return ""
    if isinstance(expr, ast.Lambda):
        expr = expr.body
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return semantic.qualified_name(expr) or ""


def _keyword(call: ast.Call, name: str) -> Optional[ast.expr]:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _constant_text(expr: Optional[ast.expr]) -> Optional[str]:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, (str, bool)):
        return str(expr.value) if not isinstance(expr.value, bool) else repr(expr.value)
    if isinstance(expr, ast.Call) and expr.args:
        # `backref=backref("orders", lazy="dynamic")`
        return _constant_text(expr.args[0])
    return None


def _mapped_target(annotation: Optional[ast.expr]) -> tuple[str, bool]:
    """`Mapped[list["Item"]]` → ("Item", many); `Mapped[Optional["Customer"]]` → one."""
    if annotation is None:
        return "", False
    annotation = parse_string_annotation(annotation)
    if not (isinstance(annotation, ast.Subscript) and _base(annotation.value) == "Mapped"):
        return "", False
    inner = parse_string_annotation(annotation.slice)
    many = False
    while isinstance(inner, ast.Subscript):
        base = _base(inner.value)
        if base in ("list", "List", "set", "Set", "Sequence", "WriteOnlyMapped",
                    "DynamicMapped"):
            many = True
        if base not in ("Optional", "list", "List", "set", "Set", "Sequence"):
            break
        inner = parse_string_annotation(inner.slice)
    if isinstance(inner, ast.Name):
        return inner.id, many
    if isinstance(inner, ast.Attribute):
        return inner.attr, many
    return "", many


def _base(expr: ast.expr) -> str:
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return expr.id if isinstance(expr, ast.Name) else ""


def model_class(semantic: SemanticModel, node: ast.ClassDef, qualname: str
                ) -> Optional[OrmClass]:
    """What a class body declares as an ORM class, or None when it declares nothing ORM-like
    (no field, relation, manager or `get_queryset`). Reads only the class's own statements."""
    found = OrmClass(qualname, node.lineno,
                     bases=[semantic.qualified_name(base) or "" for base in node.bases])
    interesting = False
    for statement in node.body:
        target: Optional[str] = None
        value: Optional[ast.expr] = None
        annotation: Optional[ast.expr] = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            target, value = statement.targets[0].id, statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            target, value, annotation = statement.target.id, statement.value, statement.annotation
        elif isinstance(statement, ast.ClassDef) and statement.name == "Meta":
            found.abstract = _meta_abstract(statement)
            continue
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and statement.name == "get_queryset":
            paths, every = _get_queryset_eager(semantic, statement)
            found.eager, found.eager_all = paths, every
            interesting = True
            continue
        if target is None:
            continue
        relation = _relation(semantic, target, value, annotation, statement.lineno)
        if relation is not None:
            found.relations.append(relation)
            found.orm = relation.orm
            interesting = True
            continue
        name = _call_name(semantic, value) if value is not None else ""
        if not name:
            if annotation is not None and _base(_subscript_base(annotation)) == "Mapped":
                found.scalars.append(target)
                found.orm = Orm.SQLALCHEMY
                interesting = True
            continue
        if _is_manager_call(name, value):
            found.managers[target] = name.removesuffix(".as_manager")
            interesting = True
        elif name.startswith(DJANGO_FIELD_PREFIXES):
            found.scalars.append(target)
            found.orm = Orm.DJANGO
            interesting = True
        elif name.rpartition(".")[2] in ("Column", "mapped_column", "column_property",
                                         "Field", "deferred", "synonym", "hybrid_property"):
            found.scalars.append(target)
            interesting = True
    return found if interesting else None


def _subscript_base(annotation: ast.expr) -> ast.expr:
    annotation = parse_string_annotation(annotation)
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


def _meta_abstract(meta: ast.ClassDef) -> bool:
    for statement in meta.body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "abstract"
                for target in statement.targets):
            return isinstance(statement.value, ast.Constant) and statement.value.value is True
    return False


def _is_manager_call(name: str, value: Optional[ast.expr]) -> bool:
    """`objects = OrderManager()`, `objects = models.Manager()`, `QS.as_manager()`."""
    if not isinstance(value, ast.Call):
        return False
    if name.endswith(".as_manager"):
        return True
    last = name.rpartition(".")[2]
    return name in DJANGO_MANAGER_BASES or last.endswith("Manager") and not last[0].islower()


def _relation(semantic: SemanticModel, target: str, value: Optional[ast.expr],
              annotation: Optional[ast.expr], line: int) -> Optional[OrmRelation]:
    if not isinstance(value, ast.Call):
        return None
    name = semantic.qualified_name(value.func) or ""
    if name in DJANGO_FORWARD_RELATIONS or name in DJANGO_MANY_RELATIONS:
        reference = _keyword(value, "to")
        if reference is None and value.args:
            reference = value.args[0]
        related = _keyword(value, "related_name")
        return OrmRelation(
            target, RelationKind.ONE if name in DJANGO_FORWARD_RELATIONS else RelationKind.MANY,
            Orm.DJANGO, _reference(semantic, reference),
            _constant_text(related) if related is not None else None,
            one_to_one=name in DJANGO_ONE_TO_ONE, line=line)
    if _is_relationship(name):
        reference_text = _reference(semantic, value.args[0] if value.args else
                                    _keyword(value, "argument"))
        mapped, many = _mapped_target(annotation)
        uselist = _keyword(value, "uselist")
        if uselist is not None and isinstance(uselist, ast.Constant):
            many = bool(uselist.value)
        elif not mapped:
            # Without an annotation or `uselist`, `lazy="dynamic"` and a plural name say a
            # collection; the access loads lazily either way, only the advice differs.
            lazy_text = _constant_text(_keyword(value, "lazy"))
            many = lazy_text in ("dynamic", "write_only", "selectin", "subquery") or (
                target.endswith("s") and not target.endswith("ss"))
        lazy = _keyword(value, "lazy")
        return OrmRelation(target, RelationKind.MANY if many else RelationKind.ONE,
                           Orm.SQLALCHEMY, reference_text or mapped,
                           _constant_text(_keyword(value, "backref")),
                           lazy=(_constant_text(lazy) or "?") if lazy is not None else None,
                           line=line)
    return None


def _get_queryset_eager(semantic: SemanticModel, function: ast.FunctionDef | ast.AsyncFunctionDef
                        ) -> tuple[list[str], bool]:
    """The select/prefetch paths `get_queryset` adds: on what it returns, through local
    variables assigned in its body."""
    assigned: dict[str, ast.expr] = {}
    paths: list[str] = []
    every = False
    for statement in function.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            assigned[statement.targets[0].id] = statement.value
        elif isinstance(statement, ast.Return) and statement.value is not None:
            found, all_of_them = queryset_eager(semantic, statement.value, assigned)
            paths.extend(found)
            every = every or all_of_them
    return paths, every


def queryset_eager(semantic: SemanticModel, chain: ast.expr,
                   assigned: Optional[dict[str, ast.expr]] = None
                   ) -> tuple[list[str], bool]:
    """The `select_related`/`prefetch_related` paths on a Django queryset chain (`Prefetch`
    objects by their lookup; `'a__b'` as written), and whether `select_related()` was called
    without arguments (all forward relations)."""
    paths: list[str] = []
    every = False
    current: Optional[ast.expr] = chain
    seen = 0
    while current is not None and seen < 32:
        seen += 1
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
            if current.func.attr in DJANGO_EAGER_METHODS:
                if not current.args and current.func.attr == "select_related":
                    every = True
                for argument in current.args:
                    paths.extend(_lookup_paths(semantic, argument))
            current = current.func.value
        elif isinstance(current, ast.Call):
            current = None
        elif isinstance(current, ast.Attribute):
            current = current.value
        elif isinstance(current, ast.Name) and assigned and current.id in assigned:
            current = assigned.pop(current.id)
        else:
            current = None
    return paths, every


def _lookup_paths(semantic: SemanticModel, argument: ast.expr) -> list[str]:
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return [argument.value]
    if isinstance(argument, ast.Call) and (
            (semantic.qualified_name(argument.func) or "").rpartition(".")[2] == "Prefetch"
            or _base(argument.func) == "Prefetch"):
        lookup = argument.args[0] if argument.args else _keyword(argument, "lookup")
        return _lookup_paths(semantic, lookup) if lookup is not None else []
    if isinstance(argument, ast.Starred):
        return ["*"]  # `*paths`: something is prefetched, the model cannot tell what
    return []


# Kept for readers of this module: which names stand for a Prefetch object.
PREFETCH_NAMES = DJANGO_PREFETCH


# ---------------------------------------------------------------- project: joining the facts
@dataclass
class ModelView:
    """A model as the project sees it: every relation reachable on an instance, inherited
    and reverse ones included, and the eager paths of each manager attribute."""

    qualified: str
    orm: Orm
    relations: dict[str, OrmRelation]
    scalars: set[str]
    manager_eager: dict[str, tuple[list[str], bool]]


class OrmModels:
    """Every project model, joined across modules through the project index."""

    def __init__(self, classes: dict[str, OrmClass], index: ProjectIndex) -> None:
        self.classes = classes
        self.index = index
        self._views: dict[str, Optional[ModelView]] = {}
        self._by_simple: dict[str, list[str]] = {}
        for qualified in classes:
            self._by_simple.setdefault(qualified.rpartition(".")[2], []).append(qualified)
        self._reverse: Optional[dict[str, dict[str, OrmRelation]]] = None

    @classmethod
    def of(cls, project: ProjectContext) -> OrmModels:
        """The project's models, built once per project pass."""
        def build() -> OrmModels:
            classes: dict[str, OrmClass] = {}
            for record, facts in project.typed_facts(OrmModelFacts):
                for name, found in facts.classes.items():
                    classes[f"{record.module}.{name}" if record.module else name] = found
            return OrmModels(classes, project.index)
        return project.computed(build, OrmModels)

    def _known(self, qualified: str) -> str:
        """A class name as the project's facts spell it. An application that puts its own
        folder on `sys.path` imports `core.models.Snapshot` for the module linted as
        `archivebox.core.models`: the one class whose name ends with the import's."""
        if qualified in self.classes:
            return qualified
        simple = qualified.rpartition(".")[2]
        tail = "." + qualified
        found = [name for name in self._by_simple.get(simple, []) if name.endswith(tail)]
        return found[0] if len(found) == 1 else qualified

    def _mro(self, qualified: str) -> tuple[str, ...]:
        return self.index.mro(qualified)

    def resolve(self, qualified: str) -> str:
        return self.index.resolve(qualified)

    def is_model(self, qualified: str) -> bool:
        for owner in self._mro(qualified):
            if owner in MODEL_BASES or owner in DJANGO_THIRD_PARTY_MODEL_BASES:
                return True
            value = self.index.value(owner) or ""
            if value.endswith("()") and value[:-2] in MODEL_BASE_FACTORIES:
                return True
            head, _, attr = owner.rpartition(".")
            if attr == EXTENSION_MODEL_ATTRIBUTE and head:
                holder = self.index.value(head) or head
                if "SQLAlchemy()" in holder or holder.startswith("flask_sqlalchemy"):
                    return True
            found = self.classes.get(owner)
            if found is not None and found.orm is not Orm.NONE and found.relations:
                return True
        return False

    def resolve_reference(self, reference: str, owner: str) -> Optional[str]:
        """A relation's target as a model's qualified name."""
        if not reference:
            return None
        if reference == "self":
            return owner
        if reference in self.classes:
            return reference
        simple = reference.rpartition(".")[2]
        app = reference.rpartition(".")[0]
        candidates = self._by_simple.get(simple, [])
        if app and "." not in app:
            # `"shop.Customer"`: an app label names the package the model lives in, unless
            # the app config gives it another label (`misago_users`): then the one model of
            # that name.
            labelled = [name for name in candidates if f".{app}." in f".{name}"]
            candidates = labelled or candidates
        elif len(candidates) > 1:
            # `relationship("Customer")` in the same module as its target.
            module = owner.rpartition(".")[0]
            same = [name for name in candidates if name.rpartition(".")[0] == module]
            candidates = same or candidates
        return candidates[0] if len(candidates) == 1 else None

    def _reverse_relations(self) -> dict[str, dict[str, OrmRelation]]:
        if self._reverse is None:
            reverse: dict[str, dict[str, OrmRelation]] = {}
            for qualified, cls in self.classes.items():
                if cls.abstract:
                    continue
                for relation in cls.relations:
                    target = self.resolve_reference(relation.target, qualified)
                    if target is None:
                        continue
                    name = relation.reverse_name
                    lower = qualified.rpartition(".")[2].lower()
                    if relation.orm is Orm.DJANGO:
                        if name is not None and (name.endswith("+") or not name):
                            continue
                        if name is None:
                            name = lower if relation.one_to_one else f"{lower}_set"
                        name = name.replace("%(class)s", lower)
                        kind = RelationKind.ONE if relation.one_to_one else RelationKind.MANY
                    elif name:
                        kind = RelationKind.MANY if relation.kind is RelationKind.ONE \
                            else RelationKind.ONE
                    else:
                        continue
                    reverse.setdefault(target, {})[name] = OrmRelation(
                        name, kind, relation.orm, qualified, relation.name,
                        relation.one_to_one, None, relation.line)
            self._reverse = reverse
        return self._reverse

    def related_model(self, relation_name: str) -> Optional[str]:
        """The model that a relation of this name leads to, when every Django relation with
        the name (forward field or reverse accessor) leads to the same one."""
        targets: set[str] = set()
        for qualified, cls in self.classes.items():
            for relation in cls.relations:
                if relation.name == relation_name and relation.orm is Orm.DJANGO:
                    target = self.resolve_reference(relation.target, qualified)
                    targets.add(target or "?")
        for reverse in self._reverse_relations().values():
            accessor = reverse.get(relation_name)
            if accessor is not None and accessor.orm is Orm.DJANGO:
                targets.add(accessor.target)
        return targets.pop() if len(targets) == 1 and "?" not in targets else None

    def view(self, qualified: str) -> Optional[ModelView]:
        """The model a qualified class name is, or None when it is not a project model."""
        qualified = self._known(self.resolve(qualified))
        if qualified in self._views:
            return self._views[qualified]
        found: Optional[ModelView] = None
        known = qualified in self.classes or self.index.class_(qualified) is not None
        if known and self.is_model(qualified):
            relations: dict[str, OrmRelation] = {}
            scalars: set[str] = set()
            managers: dict[str, str] = {}
            orm = Orm.NONE
            for owner in reversed(self._mro(qualified)):
                cls = self.classes.get(owner)
                if cls is None:
                    continue
                if cls.orm is not Orm.NONE:
                    orm = cls.orm
                for relation in cls.relations:
                    relations[relation.name] = relation
                    scalars.discard(relation.name)
                for name in cls.scalars:
                    scalars.add(name)
                    relations.pop(name, None)
                managers.update(cls.managers)
            for name, relation in self._reverse_relations().get(qualified, {}).items():
                relations.setdefault(name, relation)
            eager = {attribute: self._manager_eager(manager)
                     for attribute, manager in managers.items()}
            found = ModelView(qualified, orm, relations, scalars, eager)
        self._views[qualified] = found
        return found

    def _manager_eager(self, manager: str) -> tuple[list[str], bool]:
        paths: list[str] = []
        every = False
        for owner in self._mro(self.resolve(manager)):
            cls = self.classes.get(owner)
            if cls is not None and (cls.eager or cls.eager_all):
                return list(cls.eager), cls.eager_all
        return paths, every
