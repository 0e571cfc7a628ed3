"""Celery tasks of the billing app (the app object would live in the project's celery.py)."""

from celery import Celery, shared_task

app = Celery("sales")


@shared_task
def email_invoice(invoice_id: int) -> None:
    print("emailing", invoice_id)


@shared_task
def render_pdf(invoice_id: int) -> str:
    return f"/invoices/{invoice_id}.pdf"


@app.task(max_retries=3)
def send_reminders(customer_id: int) -> None:
    print("reminding", customer_id)
