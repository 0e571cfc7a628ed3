from django.db import models


class InvoiceManager(models.Manager):
    def get_queryset(self):
        qs = super().get_queryset()
        return qs.select_related("order", "order__customer")
