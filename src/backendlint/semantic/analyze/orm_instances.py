"""Whether a value is an ORM model instance: where it came from in one module (the per-file
half), and whether its class is a model (the project half, through the project index's C3
MRO against `knowledge.orm.MODEL_BASES`)."""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from backendlint.knowledge.orm import (
    DEFAULT_MANAGERS,
    GET_OBJECT_SHORTCUTS,
    INSTANCE_GETTERS,
    MODEL_BASE_FACTORIES,
    MODEL_BASES,
    MODEL_SERIALIZER_BASES,
    NON_INSTANCE_QUERYSET_METHODS,
)
from backendlint.semantic.analyze.annotations import strip_optional
from backendlint.semantic.analyze.classes import class_constants
from backendlint.semantic.model import BindingKind, SemanticModel

if TYPE_CHECKING:
    from backendlint.semantic.index import ProjectIndex

# `self.get_object()` loads an instance of the view's `queryset`/`model` in these views.
_VIEW_BASE_PREFIXES = ("rest_framework.", "django.views.")
_VIEW_SUFFIXES = ("View", "ViewSet", "Viewset", "APIView")


class OriginKind(str, enum.Enum):
    MANAGER = "manager"          # `Order.objects.get(...)`
    SHORTCUT = "shortcut"        # `get_object_or_404(Order, ...)`
    VIEW_OBJECT = "view-object"  # `self.get_object()` in a view with `queryset = Order...`
    SERIALIZER = "serializer"    # `serializer.save()`: the class is the serializer's
    ANNOTATION = "annotation"    # a parameter annotated `Order`
    USER = "user"                # `request.user`


@dataclass(frozen=True)
class InstanceOrigin:
    """Where a value that may be a model instance comes from: the class to check (the model,
    or for SERIALIZER the serializer class; empty for USER) and how the code got it."""

    kind: OriginKind
    cls: str
    how: str


def _manager_model(semantic: SemanticModel, expr: ast.expr) -> Optional[tuple[str, str]]:
    """`Order.objects....` anywhere down a call chain: (qualified model, written name)."""
    current: ast.expr = expr
    for _ in range(16):
        if isinstance(current, ast.Call):
            current = current.func
        elif isinstance(current, ast.Attribute):
            if current.attr in DEFAULT_MANAGERS:
                model = semantic.qualified_name(current.value)
                if model and not model.endswith("()"):
                    return model, ast.unparse(current.value)
                return None
            current = current.value
        else:
            return None
    return None


def _is_request_user(expr: ast.expr) -> bool:
    if not (isinstance(expr, ast.Attribute) and expr.attr == "user"):
        return False
    receiver = expr.value
    if isinstance(receiver, ast.Name):
        return receiver.id in ("request", "req")
    return (isinstance(receiver, ast.Attribute) and receiver.attr == "request"
            and isinstance(receiver.value, ast.Name) and receiver.value.id == "self")


def _view_model(semantic: SemanticModel) -> Optional[tuple[str, str]]:
    cls = semantic.enclosing_class()
    if cls is None:
        return None
    bases = [semantic.qualified_name(base) or "" for base in cls.bases]
    if not any(base.startswith(_VIEW_BASE_PREFIXES) or base.endswith(_VIEW_SUFFIXES)
               for base in bases):
        return None
    constants = class_constants(cls)
    model = constants.get("model")
    if model is not None:
        qualified = semantic.qualified_name(model)
        if qualified and not qualified.endswith("()"):
            return qualified, ast.unparse(model)
    queryset = constants.get("queryset")
    return _manager_model(semantic, queryset) if queryset is not None else None


def _value_origin(semantic: SemanticModel, value: ast.expr) -> Optional[InstanceOrigin]:
    if _is_request_user(value):
        return InstanceOrigin(OriginKind.USER, "", ast.unparse(value))
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr in INSTANCE_GETTERS:
        found = _manager_model(semantic, func.value)
        if found is not None:
            return InstanceOrigin(OriginKind.MANAGER, found[0],
                                  f"`{found[1]}.objects...{func.attr}()`")
    if isinstance(func, ast.Attribute) and func.attr == "get_object" \
            and isinstance(func.value, ast.Name) and func.value.id == "self":
        found = _view_model(semantic)
        if found is not None:
            return InstanceOrigin(OriginKind.VIEW_OBJECT, found[0], "`self.get_object()`")
        return None
    if isinstance(func, ast.Attribute) and func.attr == "save" \
            and isinstance(func.value, ast.Name):
        serializer = semantic.value_of(func.value.id)
        if isinstance(serializer, ast.Call):
            cls = semantic.qualified_name(serializer.func)
            if cls and not cls.endswith("()"):
                return InstanceOrigin(OriginKind.SERIALIZER, cls, f"`{func.value.id}.save()`")
        return None
    if semantic.qualified_name(func) in GET_OBJECT_SHORTCUTS and value.args:
        first = value.args[0]
        found = _manager_model(semantic, first)
        model = found[0] if found is not None else semantic.qualified_name(first)
        if model and not model.endswith("()"):
            return InstanceOrigin(OriginKind.SHORTCUT, model,
                                  f"`get_object_or_404({ast.unparse(first)}, ...)`")
    return None


def _iterated_origin(semantic: SemanticModel, iterated: ast.expr) -> Optional[InstanceOrigin]:
    """`for order in Order.objects.filter(...)`: each item is an instance, unless the
    queryset yields values (`.values()`, `.values_list()`)."""
    if isinstance(iterated, ast.Name):
        assigned = semantic.value_of(iterated.id)
        if assigned is None:
            return None
        iterated = assigned
    current: ast.expr = iterated
    for _ in range(16):
        if isinstance(current, ast.Call):
            func = current.func
            if isinstance(func, ast.Attribute) and func.attr in NON_INSTANCE_QUERYSET_METHODS:
                return None
            current = func
        elif isinstance(current, ast.Attribute) and current.attr not in DEFAULT_MANAGERS:
            current = current.value
        else:
            break
    found = _manager_model(semantic, iterated)
    if found is None:
        return None
    return InstanceOrigin(OriginKind.MANAGER, found[0],
                          f"iterating `{found[1]}.objects...`")


def instance_origin(semantic: SemanticModel, expr: ast.expr) -> Optional[InstanceOrigin]:
    """Where `expr` comes from when it may be a model instance: the expression itself
    (`Order.objects.get(pk=pk)`, `request.user`) or, for a name, the value it was last
    assigned in its scope, the queryset a loop variable iterates, or the annotation of the
    parameter it is. None for anything else
    (attributes such as `order.pk`, literals, dicts, names the model cannot follow)."""
    if isinstance(expr, ast.Name):
        binding = semantic.lookup(expr.id)
        if binding is None:
            return None
        if binding.kind in (BindingKind.ASSIGN, BindingKind.ANNASSIGN) \
                and binding.value is not None:
            return _value_origin(semantic, binding.value)
        if binding.kind is BindingKind.FOR and isinstance(binding.node, (ast.For, ast.AsyncFor)) \
                and isinstance(binding.node.target, ast.Name):
            return _iterated_origin(semantic, binding.node.iter)
        if binding.kind is BindingKind.PARAM and binding.annotation is not None:
            target = strip_optional(binding.annotation)
            if target is None:
                return None
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                try:
                    target = ast.parse(target.value, mode="eval").body
                except SyntaxError:
                    return None
            cls = semantic.qualified_name(target)
            if cls and not cls.endswith("()") and not cls.startswith("builtins."):
                return InstanceOrigin(OriginKind.ANNOTATION, cls,
                                      f"a parameter annotated `{ast.unparse(target)}`")
        return None
    return _value_origin(semantic, expr)


def is_model_class(index: ProjectIndex, qualified: str) -> Optional[bool]:
    """True when the class's MRO reaches an ORM model base (directly, or a base made by
    `declarative_base()`); False when the whole MRO is in the project and reaches none; None
    when a base is outside the project (it may be a model of a library) or the class is not
    found."""
    if qualified in MODEL_BASES:
        return True
    if index.class_(qualified) is None:
        return None
    every_in_project = True
    for entry in index.mro(qualified):
        if entry in MODEL_BASES:
            return True
        if index.class_(entry) is None:
            made_by = (index.value(entry) or "").removesuffix("()")
            if made_by in MODEL_BASE_FACTORIES:
                return True
            every_in_project = False
    return False if every_in_project else None


def is_model_serializer(index: ProjectIndex, qualified: str) -> bool:
    """A DRF serializer class whose `save()` returns a model instance."""
    return any(entry in MODEL_SERIALIZER_BASES for entry in index.mro(qualified))
