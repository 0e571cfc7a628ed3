"""Sales dashboards: the order models and the views that list them."""

from django.db import models
from django.http import HttpRequest, JsonResponse


class Customer(models.Model):
    name = models.CharField(max_length=100)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    total = models.DecimalField(max_digits=10, decimal_places=2)
    shipped = models.BooleanField(default=False)


def recent_orders(request: HttpRequest) -> JsonResponse:
    # BL902: one query per order for its customer; `.select_related("customer")` loads them
    # with the orders.
    rows = [{"customer": order.customer.name, "total": str(order.total)}
            for order in Order.objects.order_by("-pk")[:50]]
    return JsonResponse({"orders": rows})


def customer_orders(request: HttpRequest) -> JsonResponse:
    # BL902: a reverse manager counted per customer.
    return JsonResponse({customer.name: customer.orders.count()
                         for customer in Customer.objects.all()})


def mark_shipped(request: HttpRequest) -> JsonResponse:
    # BL903: one query per id; `Order.objects.filter(pk__in=ids).update(shipped=True)` is one.
    for order_id in request.POST.getlist("id"):
        order = Order.objects.get(pk=order_id)
        order.shipped = True
        order.save()
    return JsonResponse({"ok": True})
