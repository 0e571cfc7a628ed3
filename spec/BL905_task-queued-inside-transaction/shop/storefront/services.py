from functools import partial
from multiprocessing.pool import ThreadPool

from django.db import transaction

from config.celery import app
from orders import tasks
from orders.models import Order
from orders.tasks import ReindexTask, send_receipt, sync_inventory


def place_order(customer, total):
    with transaction.atomic():
        order = Order.objects.create(customer=customer, total=total)
        tasks.sync_inventory.apply_async(args=[order.pk], countdown=5)  # error: BL905@9
        app.send_task("orders.tasks.audit", args=[order.pk])  # error: BL905
        send_receipt.s(order.pk).apply_async()  # error: BL905
        ReindexTask().delay(order.pk)  # error: BL905
        notify_warehouse(order.pk)
        send_receipt.delay_on_commit(order.pk)
        transaction.on_commit(partial(send_receipt.delay, order.pk))
    send_receipt.delay(order.pk)
    return order


@transaction.atomic(using="default")
def cancel_order(order_id):
    Order.objects.filter(pk=order_id).update(status="cancelled")
    send_receipt.delay(order_id)  # error: BL905 "decorated"


def notify_warehouse(order_id):
    sync_inventory.delay(order_id)  # error: BL905 "calls `notify_warehouse` inside"


def rebuild_totals(order_ids):
    with transaction.atomic():
        pool = ThreadPool(4)
        pool.apply_async(print, (order_ids,))

        def after_commit():
            for order_id in order_ids:
                sync_inventory.delay(order_id)

        transaction.on_commit(after_commit)
