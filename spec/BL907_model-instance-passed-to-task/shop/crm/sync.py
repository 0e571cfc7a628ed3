from config.celery import app
from orders.models import Order
from partners.models import Partner


def push_order(order: Order) -> None:
    app.send_task("crm.push", args=[order])  # error: BL907 "annotated"
    app.send_task("crm.push", args=[order.pk], kwargs={"full": True})


def push_partner(partner_id: int) -> None:
    partner = Partner.objects.get(pk=partner_id)
    app.send_task("crm.partner", kwargs={"partner": partner})  # error: BL907 "not found among the linted modules"
    app.send_task("crm.partner", kwargs={"partner": partner.pk, "name": str(partner)})


def push_recent_orders() -> None:
    recent = Order.objects.filter(total__gt=100).order_by("-created")
    for order in recent:
        app.send_task("crm.push", args=[order])  # error: BL907 "iterating"
    for order_id in recent.values_list("pk", flat=True):
        app.send_task("crm.push", args=[order_id])
    for order in Order.objects.all():
        app.send_task("crm.push", args=[order.pk])
