"""The sync Django ORM inside `async def`."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Optional

from backendlint.core.findings import Fix, FixAvailability
from backendlint.fixes import make_fix
from backendlint.practices.async_blocking.detection import Blocking, BlockingCallRule, await_edits

if TYPE_CHECKING:
    from backendlint.core.context import FileContext


class SyncDjangoOrmInAsync(BlockingCallRule):
    """## What it does
    Checks for the sync Django ORM inside an `async def`: manager and queryset calls that
    run a query (`get`, `first`, `count`, `exists`, `create`, `update`, `delete`,
    `get_or_create`, `aggregate`, ...), `instance.save()`, `delete()` and
    `refresh_from_db()`, and iterating, `list()`, `len()` or `bool()` of a queryset. A receiver
    counts when it is `<Model>.objects` for a class from a models module (or a subclass of
    `models.Model`), a queryset chained from it, a reverse or related manager of an instance
    (`order.item_set`, a `related_name` declared in the module), or an instance made from
    them or returned by a function of the module annotated with the model.

    ## Why is this bad?
    Django raises `SynchronousOnlyOperation` for these calls in async code, or, with
    `DJANGO_ALLOW_ASYNC_UNSAFE`, blocks the event loop for each query.

    ## Example
    ```python
    from django.http import JsonResponse
    from shop.models import Order


    async def order_detail(request, order_id: int):
        order = Order.objects.get(pk=order_id)
        return JsonResponse({"id": order.pk})
    ```

    Use instead:
    ```python
    from django.http import JsonResponse
    from shop.models import Order


    async def order_detail(request, order_id: int):
        order = await Order.objects.aget(pk=order_id)
        return JsonResponse({"id": order.pk})
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: names such as
      `django.db.models.QuerySet.count` or `django.db.models.Model.save` are accepted.

    ## Fix safety
    The fix awaits the async twin (`get` → `await ...aget`, `save` → `await ...asave`). It is
    unsafe because the twins need Django 4.1 (4.2 for instance methods), and a call inside a
    generator expression turns it into an async generator.
    """

    code = "BL106"
    name = "sync-django-orm-in-async"
    fix_availability = FixAvailability.SOMETIMES
    kind = "runs a sync Django ORM query"
    hint = "use its async twin (or wrap the code in `sync_to_async`)"

    @classmethod
    def fix(cls, ctx: FileContext, node: ast.Call, blocking: Blocking) -> Optional[Fix]:
        if blocking.fix != "twin" or blocking.twin is None:
            return None
        assert isinstance(node.func, ast.Attribute)
        receiver = ctx.source.segment(node.func.value)
        if not receiver:
            return None
        edits = [ctx.replace(node.func, f"{receiver}.{blocking.twin}"), *await_edits(ctx, node)]
        return make_fix(f"Replace with `await ...{blocking.twin}()`", edits, safe=False)
