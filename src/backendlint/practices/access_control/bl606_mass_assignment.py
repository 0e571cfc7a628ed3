"""BL606: raw request data unpacked into a model or an ORM write, and writable DRF model
serializers that take every field (self-contained)."""

from __future__ import annotations

import ast

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule
from backendlint.knowledge.access_control import DRF_MODEL_SERIALIZERS
from backendlint.practices.access_control.requests import raw_request_data
from backendlint.semantic.analyze.classes import class_constants

# ORM writes that take field values as keywords or as one mapping.
_KEYWORD_WRITES = frozenset({"create", "update", "get_or_create", "update_or_create",
                             "filter_update", "bulk_update"})
_MAPPING_WRITES = frozenset({"update", "insert", "values"})


class MassAssignment(Rule):
    """## What it does
    Checks for request data written to a model field by field without a validation step in
    between: `User(**request.data)`, `Order.objects.create(**request.POST.dict())`,
    `session.query(User).filter_by(id=uid).update(request.json)`,
    `for key, value in request.json.items(): setattr(user, key, value)`, and writable DRF
    `ModelSerializer`s whose `Meta.fields = "__all__"`.

    Not reported: a serializer's `validated_data`, a Pydantic model's `model_dump()`/`dict()`,
    a form's `cleaned_data`, explicit keywords (`User(name=request.data["name"])`), and
    serializers whose every field is read-only (`read_only_fields = "__all__"` is not DRF, so
    a `Meta.read_only_fields` that names fields is taken as the author's choice).

    ## Why is this bad?
    The client decides which columns are written: `is_admin=true`, `owner_id=...` or
    `balance=...` in the body go straight to the database.

    ## Example
    ```python
    from django.http import JsonResponse

    from shop.models import Order


    def create_order(request):
        order = Order.objects.create(**request.POST.dict())
        return JsonResponse({"id": order.pk})
    ```

    Use instead:
    ```python
    from django.http import JsonResponse

    from shop.forms import OrderForm


    def create_order(request):
        form = OrderForm(request.POST)
        form.is_valid()
        order = form.save()
        return JsonResponse({"id": order.pk})
    ```

    ## Options
    None.

    ## Fix safety
    There is no fix: which fields a client may set is the project's decision.
    """

    code = "BL606"
    name = "mass-assignment"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 915
    requires_any_text = ("request", "__all__")

    def visit_Call(self, node: ast.Call) -> None:
        if self.ctx.is_test_file:
            return
        for keyword in node.keywords:
            if keyword.arg is None:
                raw = raw_request_data(self.semantic, keyword.value)
                if raw is not None and self._is_model_write(node):
                    self.report(node, f"`**{raw}` writes whatever fields the client sends; "
                                      "validate it (a serializer, form or Pydantic model) "
                                      "and pass the allowed fields")
                    return
        if (isinstance(node.func, ast.Attribute) and node.func.attr in _MAPPING_WRITES
                and node.args and self._is_query(node.func.value)):
            raw = raw_request_data(self.semantic, node.args[0])
            if raw is not None:
                self.report(node, f"`{raw}` is written as the row's new values; validate it "
                                  "and pass the allowed fields")

    def visit_For(self, node: ast.For) -> None:
        if self.ctx.is_test_file:
            return
        iterated = node.iter
        if not (isinstance(iterated, ast.Call) and isinstance(iterated.func, ast.Attribute)
                and iterated.func.attr == "items"):
            return
        raw = raw_request_data(self.semantic, iterated.func.value)
        if raw is None:
            return
        for statement in ast.walk(ast.Module(body=node.body, type_ignores=[])):
            if (isinstance(statement, ast.Call) and isinstance(statement.func, ast.Name)
                    and statement.func.id == "setattr" and len(statement.args) == 3):
                self.report(statement, f"`setattr` over `{raw}.items()` lets the client set "
                                       "any attribute; copy only the allowed fields")
                return

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        bases = {self.semantic.qualified_name(base) for base in node.bases}
        if not bases & DRF_MODEL_SERIALIZERS or "ReadOnly" in node.name:
            return
        meta = next((item for item in node.body
                     if isinstance(item, ast.ClassDef) and item.name == "Meta"), None)
        if meta is None:
            return
        constants = class_constants(meta)
        fields = constants.get("fields")
        if not (isinstance(fields, ast.Constant) and fields.value == "__all__"):
            return
        if "read_only_fields" in constants:
            return
        self.report(fields, f"`{node.name}` accepts every model field from the client "
                            "(`fields = \"__all__\"`); list the writable fields, or mark the "
                            "others in `read_only_fields`", confidence=Confidence.MEDIUM)

    def _is_model_write(self, node: ast.Call) -> bool:
        """`Model(**data)`, `Model.objects.create(**data)`, `obj.update(**data)` on a queryset
        or a SQLAlchemy statement, `Model.query.filter(...).update(...)`."""
        func = node.func
        if isinstance(func, ast.Attribute):
            return func.attr in _KEYWORD_WRITES and self._is_query(func.value)
        qualified = self.semantic.qualified_name(func)
        return qualified is not None and _looks_like_model(qualified)

    def _is_query(self, receiver: ast.expr) -> bool:
        text = self.ctx.source.segment(receiver) or ""
        return any(marker in text for marker in (".objects", "query(", ".query", "filter",
                                                 "session", "update(", "insert("))


_MODEL_MODULE_WORDS = frozenset({"models", "model", "db", "orm", "entities", "tables"})


def _looks_like_model(qualified: str) -> bool:
    """`shop.models.Order`, `app.db.User`: a capitalised class from a models-like module.
    Classes from `schemas`, `serializers` or `forms` validate what they are given."""
    parts = qualified.split(".")
    return ("()" not in qualified and parts[-1][:1].isupper() and len(parts) > 1
            and any(part in _MODEL_MODULE_WORDS for part in parts[:-1]))
