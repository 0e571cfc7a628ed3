from functools import partial

from django.db import transaction
from django.http import JsonResponse

from billing.tasks import email_invoice, rebuild_search


def issue_invoice(request):
    # No ATOMIC_REQUESTS in the settings: a view queues outside a transaction.
    email_invoice.delay(int(request.POST["invoice"]))
    return JsonResponse({})


def issue_many(request):
    ids = [int(value) for value in request.POST.getlist("invoice")]
    with transaction.atomic():
        for invoice_id in ids:
            transaction.on_commit(lambda invoice_id=invoice_id: email_invoice.delay(invoice_id))
        transaction.on_commit(partial(rebuild_search.delay, ids))
        email_invoice.delay_on_commit(ids[0])
        rebuild_search.apply_async_on_commit(args=[ids])
    rebuild_search.delay(ids)
    return JsonResponse({"count": len(ids)})
