"""Async views of the sales back office (Django 4.2, ASGI)."""

from asgiref.sync import sync_to_async
from django.http import HttpRequest, JsonResponse

from sales.models import Sale


def _region_summary(region: str) -> dict:
    # A sync helper: fine in sync views, blocking when called from an async one.
    sales = Sale.objects.filter(region=region)
    return {"region": region, "count": sales.count()}


async def sale_detail(request: HttpRequest, sale_id: int) -> JsonResponse:
    # BL106: the sync ORM in an async view (the fix awaits Sale.objects.aget).
    sale = Sale.objects.get(pk=sale_id)
    return JsonResponse({"id": sale.pk, "amount": str(sale.amount)})


async def mark_paid(request: HttpRequest, sale_id: int) -> JsonResponse:
    sale = await Sale.objects.aget(pk=sale_id)
    sale.paid = True
    # BL106: instance.save() runs an UPDATE; use `await sale.asave()`.
    sale.save(update_fields=["paid"])
    return JsonResponse({"paid": True})


async def recent_sales(request: HttpRequest) -> JsonResponse:
    latest = Sale.objects.order_by("-created")[:20]
    # Clean: async iteration over a queryset.
    ids = [sale.pk async for sale in latest]
    return JsonResponse({"ids": ids})


async def region_report(request: HttpRequest, region: str) -> JsonResponse:
    # BL107: the helper runs two queries with the loop stopped.
    summary = _region_summary(region)
    # Clean: the same helper handed to a thread.
    other = await sync_to_async(_region_summary)("north")
    return JsonResponse({"summary": summary, "north": other})
