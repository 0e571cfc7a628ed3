from celery import shared_task

from config.celery import app


@shared_task
def send_receipt(order_id):
    print(order_id)


@app.task(bind=True)
def notify_user(self, user_id, message=""):
    print(user_id, message)


@shared_task
def archive_order(order_id, reason=""):
    print(order_id, reason)
