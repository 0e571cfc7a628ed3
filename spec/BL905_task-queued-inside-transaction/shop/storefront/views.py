from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from orders.models import Order
from orders.tasks import send_receipt, sync_inventory


@require_POST
def checkout(request):
    order = Order.objects.create(customer=request.user, total=request.POST["total"])
    send_receipt.delay(order.pk)  # error: BL905 "ATOMIC_REQUESTS"
    return JsonResponse({"id": order.pk})


@require_POST
@transaction.non_atomic_requests
def inventory_webhook(request):
    sync_inventory.delay(int(request.POST["order"]))
    return JsonResponse({})


@require_POST
def refund(request, pk):
    order = Order.objects.get(pk=pk)
    order.status = "refunded"
    order.save()
    transaction.on_commit(lambda: send_receipt.delay(order.pk))
    return JsonResponse({"id": order.pk})
