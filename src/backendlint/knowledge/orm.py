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
