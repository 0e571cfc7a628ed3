from django.urls import path

from . import views

urlpatterns = [
    path("invoices/", views.invoices),
    path("invoices/new/", views.create_invoice),
    path("invoices/<int:invoice_id>/pay/", views.pay_invoice),
    path("invoices/<int:invoice_id>/pdf/", views.invoice_pdf),
    path("address/", views.update_address),
]
