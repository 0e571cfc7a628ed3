from celery import shared_task
from django.db import models
from django.shortcuts import get_object_or_404


class Invoice(models.Model):
    number = models.CharField(max_length=20)


class Report:
    """Not a model: a plain object with an `objects` registry."""

    objects = {}


@shared_task
def render_invoice(invoice_id, options=None):
    invoice = Invoice.objects.get(pk=invoice_id)
    return invoice.number


def issue(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    render_invoice.delay(invoice.pk)
    render_invoice.delay(invoice.id, options={"copy": True})
    render_invoice.apply_async(args=[str(invoice.pk)], kwargs={"options": {"lang": "en"}})
    invoices = Invoice.objects.filter(number__startswith="A")
    for number in invoices.values_list("pk", flat=True):
        render_invoice.delay(number)
    render_invoice.delay(request.user.pk)
    render_invoice.delay(pk, options=dict(user=request.user.username))


def summarize(report: Report):
    render_invoice.delay(0, options=report)
