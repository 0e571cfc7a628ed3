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
