"""Async views the fix moves to the async ORM API."""

from django.http import JsonResponse

from shop.models import Order


async def order_status(request, order_id: int) -> JsonResponse:
    status = Order.objects.get(pk=order_id).status  # error: BL106
    order = await Order.objects.aget(pk=order_id)
    order.status = "seen"
    order.save()  # error: BL106
    created, _ = Order.objects.get_or_create(pk=order_id)  # error: BL106
    total = Order.objects.filter(status=status).count() + 1  # error: BL106
    return JsonResponse({"status": status, "total": total, "new": created.pk})
