from celery import shared_task


@shared_task
def email_invoice(invoice_id: int) -> None:
    print(invoice_id)


@shared_task
def rebuild_search(invoice_ids: list) -> None:
    print(invoice_ids)
