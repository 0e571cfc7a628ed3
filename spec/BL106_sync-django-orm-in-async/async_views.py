"""Django async views that still use the sync ORM."""

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from shop.models import Order, Product

User = get_user_model()


async def order_detail(request: HttpRequest, order_id: int) -> JsonResponse:
    order = Order.objects.select_related("customer").get(pk=order_id)  # error: BL106
    return JsonResponse({"id": order.pk, "customer": order.customer.email})


async def dashboard(request: HttpRequest) -> JsonResponse:
    open_orders = Order.objects.filter(status="open")
    total = open_orders.count()  # error: BL106
    has_backlog = Order.objects.filter(status="backlog").exists()  # error: BL106
    users = User.objects.count()  # error: BL106
    return JsonResponse({"open": total, "backlog": has_backlog, "users": users})


async def product_list(request: HttpRequest) -> JsonResponse:
    products = Product.objects.filter(active=True).order_by("name")
    names = [product.name for product in products]  # error: BL106
    for product in products:  # error: BL106
        print(product.sku)
    return JsonResponse({"names": names, "count": len(products)})  # error: BL106


async def restock(request: HttpRequest, product_id: int) -> JsonResponse:
    product = get_object_or_404(Product, pk=product_id)
    product.stock += 10
    product.save(update_fields=["stock"])  # error: BL106
    return JsonResponse({"stock": product.stock})


async def archive_order(order: Order) -> None:
    order.status = "archived"
    order.save()  # error: BL106
    Order.objects.filter(pk=order.pk).update(archived=True)  # error: BL106


async def async_order_detail(request: HttpRequest, order_id: int) -> JsonResponse:
    # The async twins and async iteration are the right calls.
    order = await Order.objects.aget(pk=order_id)
    names = [product.name async for product in Product.objects.filter(active=True)]
    await order.asave()
    count = await Order.objects.filter(status="open").acount()
    return JsonResponse({"id": order.pk, "names": names, "count": count})


@sync_to_async
def load_report(order_id: int) -> dict:
    # A sync function offloaded to a thread may use the sync ORM.
    return {"lines": list(Order.objects.filter(pk=order_id).values("lines"))}


async def report(request: HttpRequest, order_id: int) -> JsonResponse:
    data = await load_report(order_id)
    first = await sync_to_async(Order.objects.first)()
    return JsonResponse({"data": data, "first": first.pk})


def sync_view(request: HttpRequest) -> JsonResponse:
    # Sync views may use the sync ORM.
    return JsonResponse({"count": Order.objects.count()})


async def settings_lookup(request: HttpRequest, options: dict, registry) -> JsonResponse:
    # `.get()` on a dict and `.objects` on arbitrary things are not the ORM.
    value = options.get("theme")
    entry = registry.objects.get("orders")
    request.session.save()
    return JsonResponse({"theme": value, "entry": entry})
