"""The async ORM API, and the sync one in sync views."""

from django.http import JsonResponse
from shop.models import Order


async def order_detail(request, order_id: int):
    order = await Order.objects.aget(pk=order_id)
    count = await Order.objects.filter(customer=order.customer).acount()
    names = [item.name async for item in Order.objects.filter(pk=order_id)]
    return JsonResponse({"id": order.pk, "count": count, "names": names})


def order_detail_sync(request, order_id: int):
    order = Order.objects.get(pk=order_id)
    order.save()
    return JsonResponse({"id": order.pk})
