"""Billing of the sales back office: invoices, credit and the Celery work around them."""

from celery import shared_task
from django.db import models, transaction
from django.http import HttpRequest, JsonResponse
from tasks import email_invoice, render_pdf, send_reminders


class Customer(models.Model):
    name = models.CharField(max_length=100)
    credit = models.DecimalField(max_digits=10, decimal_places=2)


class Invoice(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)


def create_invoice(request: HttpRequest) -> JsonResponse:
    with transaction.atomic():
        invoice = Invoice.objects.create(customer_id=request.POST["customer"],
                                         total=request.POST["total"])
        # BL905: the worker may look the invoice up before this transaction commits.
        email_invoice.delay(invoice.pk)
    return JsonResponse({"id": invoice.pk})


def remind(request: HttpRequest, pk: int) -> JsonResponse:
    customer = Customer.objects.get(pk=pk)
    # BL907: a model instance is serialised into the message; pass customer.pk instead.
    send_reminders.delay(customer)
    return JsonResponse({})


@shared_task
def charge_monthly_fees() -> None:
    # BL904: select_for_update() outside transaction.atomic raises in autocommit mode.
    for customer in Customer.objects.select_for_update().filter(credit__gt=0):
        customer.credit -= 1
        customer.save()


@shared_task
def archive_invoice(invoice_id: int) -> str:
    # BL906: a task that waits for another task can deadlock the worker pool.
    return render_pdf.delay(invoice_id).get(timeout=60)
