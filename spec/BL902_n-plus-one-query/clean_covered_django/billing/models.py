from django.db import models

from billing.managers import InvoiceManager


class Invoice(models.Model):
    order = models.ForeignKey("shop.Order", on_delete=models.CASCADE, related_name="invoices")
    number = models.CharField(max_length=20)

    objects = InvoiceManager()
