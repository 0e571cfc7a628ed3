from shop.models import Order


def customer_names():
    qs = Order.objects.filter(total__gt=0)
    qs = qs.select_related("customer")
    return [order.customer.name for order in qs]


def everything_joined():
    return [order.customer.email for order in Order.objects.select_related()]


def prefetched_tags():
    out = []
    for order in Order.objects.prefetch_related("tags", "orderline_set"):
        out.append((len(order.tags.all()), order.orderline_set.count()))
    return out


def nested_paths():
    qs = Order.objects.select_related("invoice").prefetch_related("customer__orders")
    return [(order.invoice.number, order.customer.name) for order in qs]


def scalars_only():
    return [(order.total, order.created, order.customer_id) for order in Order.objects.all()]


def handed_on(render):
    for order in Order.objects.all():
        render(order.tags)
        order.save()


def default_manager_covers():
    # `Order.objects` is an OrderManager whose get_queryset selects the warehouse.
    return [order.warehouse.city for order in Order.objects.filter(total__gt=0)]


def after_the_loop():
    for order in Order.objects.all():
        pass
    return order.customer.name


def unknown_source(orders):
    return [order.customer.name for order in orders]


def reassigned_in_loop():
    for order in Order.objects.all():
        order = {"customer": None}
        print(order)


def related_manager_writes(customer, tag):
    for order in customer.orders.all():
        order.tags.add(tag)


def lazy_per_row_querysets(cutoff):
    for order in Order.objects.all():
        recent = order.tags.filter(label__startswith=cutoff)
        print(order.pk, recent)


def prefetch_objects():
    from django.db.models import Prefetch

    from shop.models import Tag

    qs = Order.objects.prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("label")),
                                        Prefetch(lookup="orderline_set"))
    return [([t.label for t in order.tags.all()], order.orderline_set.count()) for order in qs]
