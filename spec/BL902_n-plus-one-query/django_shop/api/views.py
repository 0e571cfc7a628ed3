from django.http import JsonResponse

from shop.models import Customer, Note, Order


def order_list(request):
    rows = []
    for order in Order.objects.filter(total__gt=0).order_by("-created"):
        rows.append({
            "customer": order.customer.name,  # error: BL902 "select_related"
            "city": order.warehouse.city,
            "total": str(order.total),
            "customer_id": order.customer_id,
        })
    return JsonResponse({"orders": rows})


def order_tags(request):
    orders = Order.objects.all()
    data = {}
    for order in orders:
        data[order.pk] = [tag.label for tag in order.tags.all()]  # error: BL902 "prefetch_related"
    return JsonResponse(data)


def customer_summary(request):
    return JsonResponse({
        customer.name: customer.orders.count()  # error: BL902
        for customer in Customer.objects.all()
    })


def order_lines(request):
    qs = Order.objects.filter(total__gt=100)
    result = []
    for index, order in enumerate(qs):
        lines = list(order.orderline_set.all())  # error: BL902 "orderline_set"
        result.append((index, len(lines), order.invoice.number))  # error: BL902 "invoice"
    return JsonResponse({"lines": result})


def latest(request):
    recent = Order.objects.order_by("-created")[:20]
    return JsonResponse({"names": [o.customer.email for o in recent]})  # error: BL902


def customer_orders(request, customer):
    # `customer` is not typed; `orders` is the one relation of that name (Order rows).
    return JsonResponse({
        order.pk: order.tags.count()  # error: BL902
        for order in customer.orders.filter(total__gt=0)
    })


def customer_orders_prefetched(request, customer):
    return JsonResponse({
        order.pk: [tag.label for tag in order.tags.all()]
        for order in customer.orders.prefetch_related("tags")
    })


def notes(request):
    # `Note` declares no field itself; its base does, with an app label that is not the
    # package name ("shop_orders").
    return JsonResponse({note.pk: note.order.total for note in Note.objects.all()})  # error: BL902


def open_order_names(request):
    from shop.models import open_orders, open_orders_with_customers

    names = [order.customer.name for order in open_orders()]  # error: BL902 "open_orders()"
    joined = [order.customer.name for order in open_orders_with_customers()]
    return JsonResponse({"names": names, "joined": joined})
