import logging

from celery import Task, shared_task

from config.celery import app
from orders.models import Order

logger = logging.getLogger(__name__)


@shared_task
def send_receipt(order_id: int) -> None:
    order = Order.objects.get(pk=order_id)
    logger.info("receipt for %s", order.pk)


@app.task(bind=True, max_retries=3)
def sync_inventory(self, order_id: int) -> None:
    logger.info("sync %s", order_id)


class ReindexTask(Task):
    name = "orders.reindex"

    def run(self, order_id: int) -> None:
        logger.info("reindex %s", order_id)


def format_total(order: Order) -> str:
    return f"{order.total:.2f}"
