"""Which classes are ORM models and which calls build or run queries. Pure tables, shared by
every practice that asks "is this an ORM object?"."""

from __future__ import annotations

# Base classes (qualified names, as the project index resolves them) whose subclasses are
# ORM models: instances are rows, attributes are fields or relations.
MODEL_BASES = frozenset({
    "django.db.models.Model", "django.db.models.base.Model",
    "django.contrib.auth.models.AbstractUser", "django.contrib.auth.models.AbstractBaseUser",
    "django.contrib.auth.base_user.AbstractBaseUser", "django.contrib.auth.models.User",
    "sqlalchemy.orm.DeclarativeBase", "sqlalchemy.orm.DeclarativeBaseNoMeta",
    "sqlalchemy.orm.MappedAsDataclass", "sqlmodel.SQLModel",
    "flask_sqlalchemy.Model", "peewee.Model", "tortoise.models.Model",
})
# Calls whose result is a base class for models (`Base = declarative_base()`).
MODEL_BASE_FACTORIES = frozenset({
    "sqlalchemy.orm.declarative_base", "sqlalchemy.ext.declarative.declarative_base",
    "sqlalchemy.orm.registry.generate_base",
})
# Attribute names of a Flask-SQLAlchemy style extension object whose `.Model` is a model base
# (`db = SQLAlchemy(); class User(db.Model)`).
EXTENSION_MODEL_ATTRIBUTE = "Model"
# Django managers every model has, by attribute name (`Order.objects.get(...)`).
DEFAULT_MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
# Manager and queryset methods that return one model instance.
INSTANCE_GETTERS = frozenset({"get", "first", "last", "earliest", "latest", "create"})
# Django's shortcut that loads one instance or raises Http404 (its first argument is the
# model, a manager or a queryset).
GET_OBJECT_SHORTCUTS = frozenset({"django.shortcuts.get_object_or_404"})
# DRF serializers whose `save()` returns a model instance.
MODEL_SERIALIZER_BASES = frozenset({"rest_framework.serializers.ModelSerializer",
                                    "rest_framework.serializers.HyperlinkedModelSerializer"})
# Queryset methods whose result holds no model instances (rows as dicts, tuples or values).
NON_INSTANCE_QUERYSET_METHODS = frozenset({"values", "values_list", "dates", "datetimes",
                                           "aggregate", "count", "exists"})

# ---------------------------------------------------------------- model fields and relations
# Django field classes (qualified as imported) that make a forward relation: reading the
# attribute on an instance loads one related row (`order.customer`).
DJANGO_FORWARD_RELATIONS = frozenset({
    "django.db.models.ForeignKey", "django.db.models.fields.related.ForeignKey",
    "django.db.models.OneToOneField", "django.db.models.fields.related.OneToOneField",
    "django.contrib.contenttypes.fields.GenericForeignKey",
    "modelcluster.fields.ParentalKey", "mptt.fields.TreeForeignKey",
    "mptt.models.TreeForeignKey",
})
# Django field classes whose attribute is a manager of many related rows (`post.tags.all()`).
DJANGO_MANY_RELATIONS = frozenset({
    "django.db.models.ManyToManyField", "django.db.models.fields.related.ManyToManyField",
    "django.contrib.contenttypes.fields.GenericRelation",
    "modelcluster.fields.ParentalManyToManyField", "taggit.managers.TaggableManager",
    "mptt.fields.TreeManyToManyField",
})
# The one-to-one field classes: their reverse accessor is one row (`user.profile`), not a
# manager.
DJANGO_ONE_TO_ONE = frozenset({
    "django.db.models.OneToOneField", "django.db.models.fields.related.OneToOneField",
})
# Name prefixes of Django field classes: a class-body assignment to one is a model field.
DJANGO_FIELD_PREFIXES = ("django.db.models.", "django.contrib.postgres.fields.",
                         "django.contrib.contenttypes.fields.")
# Manager base classes and the queryset classes managers are built from.
DJANGO_MANAGER_BASES = frozenset({
    "django.db.models.Manager", "django.db.models.manager.Manager",
    "django.db.models.manager.BaseManager", "django.db.models.QuerySet",
    "django.db.models.query.QuerySet",
})
# SQLAlchemy (and Flask-SQLAlchemy / SQLModel) callables that declare a relationship.
SQLALCHEMY_RELATIONSHIP = frozenset({
    "sqlalchemy.orm.relationship", "sqlalchemy.orm.relation", "sqlalchemy.orm.dynamic_loader",
    "sqlmodel.Relationship",
})
# The attribute of a Flask-SQLAlchemy extension object that declares one (`db.relationship`).
EXTENSION_RELATIONSHIP_ATTRIBUTES = frozenset({"relationship", "relation", "dynamic_loader"})
# `lazy=` values of a relationship that load it with the parent row (or never), so reading it
# in a loop issues no query per row. "dynamic"/"write_only" give a query object: calling it
# is a query, reading it is not.
SQLALCHEMY_EAGER_LAZY = frozenset({"joined", "selectin", "subquery", "immediate", "raise",
                                   "raise_on_sql", "noload"})
SQLALCHEMY_QUERY_LAZY = frozenset({"dynamic", "write_only"})

# ---------------------------------------------------------------- querysets and statements
# Django manager/queryset methods that give a queryset of the same model (chainable).
DJANGO_QUERYSET_METHODS = frozenset({
    "all", "filter", "exclude", "order_by", "distinct", "select_related", "prefetch_related",
    "only", "defer", "annotate", "alias", "reverse", "using", "select_for_update", "iterator",
    "none", "extra", "complex_filter", "union", "intersection", "difference",
})
# Methods on a related manager or queryset that run a query (`order.items.count()`).
DJANGO_QUERY_METHODS = frozenset({
    "all", "filter", "exclude", "order_by", "count", "exists", "first", "last", "get",
    "values", "values_list", "aggregate", "latest", "earliest", "in_bulk", "iterator",
})
DJANGO_EAGER_METHODS = frozenset({"select_related", "prefetch_related"})
DJANGO_PREFETCH = frozenset({"django.db.models.Prefetch", "django.db.models.query.Prefetch"})
# SQLAlchemy select constructors and loader options.
SQLALCHEMY_SELECT = frozenset({
    "sqlalchemy.select", "sqlalchemy.future.select", "sqlalchemy.sql.select",
    "sqlalchemy.sql.expression.select", "sqlmodel.select",
})
SQLALCHEMY_EAGER_OPTIONS = frozenset({
    "joinedload", "selectinload", "subqueryload", "contains_eager", "immediateload",
    "raiseload", "noload", "joinedload_all", "subqueryload_all",
})
# Session methods that run a statement and give rows or ORM objects.
SQLALCHEMY_RESULT_METHODS = frozenset({"scalars", "execute"})
SQLALCHEMY_RESULT_TAILS = frozenset({"scalars", "all", "unique", "fetchall", "yield_per",
                                     "partitions"})
SQLALCHEMY_QUERY_CHAIN = frozenset({
    "filter", "filter_by", "order_by", "join", "outerjoin", "options", "limit", "offset",
    "distinct", "group_by", "having", "all", "yield_per", "where", "params", "enable_eagerloads",
})

# ---------------------------------------------------------------- queries per iteration (BL903)
# Django reads with their bulk form.
DJANGO_READ_BULK = {
    "get": "one `filter(pk__in=...)` or `in_bulk(ids)` before the loop",
    "first": "one `filter(<field>__in=...)` before the loop, grouped by key",
    "last": "one `filter(<field>__in=...)` before the loop, grouped by key",
    "exists": "one `filter(<field>__in=...).values_list(...)` set before the loop",
    "count": "one `values(<field>).annotate(Count(...))` before the loop",
    "get_or_create": "`bulk_create(..., ignore_conflicts=True)` after one `filter(...__in=...)`",
    "update_or_create": "`bulk_update`/`bulk_create` after one `filter(...__in=...)`",
}
DJANGO_WRITE_BULK = {
    "create": "`bulk_create([...])` after the loop",
    "save": "`bulk_update(objs, fields)` (or `bulk_create`) after the loop",
    "delete": "one `filter(pk__in=...).delete()`",
}
# SQLAlchemy query methods that run the query (`Model.query.get(id)`, `.filter(...).first()`).
SQLALCHEMY_READ_TERMINALS = frozenset({
    "get", "first", "one", "one_or_none", "scalar", "count", "get_or_404", "first_or_404",
    "one_or_404",
})
# Third-party Django model bases (tree models) whose subclasses are models too.
DJANGO_THIRD_PARTY_MODEL_BASES = frozenset({
    "mptt.models.MPTTModel", "treebeard.mp_tree.MP_Node", "treebeard.ns_tree.NS_Node",
    "treebeard.al_tree.AL_Node", "polymorphic.models.PolymorphicModel",
    "model_utils.models.TimeStampedModel",
})
