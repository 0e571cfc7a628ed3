from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from accounts.models import Account
from accounts.services import credit, debit


def pay(request):
    debit(int(request.POST["account"]), 10)
    for account in Account.objects.select_for_update().filter(owner=request.user):  # error: BL904 "the view `pay`"
        print(account.pk)
    return JsonResponse({})


def deposit(request):
    pending = Account.objects.select_for_update().filter(owner=request.user)
    with transaction.atomic():
        for account in pending:
            credit(account.pk, 5)
    first = pending.first()  # error: BL904
    return JsonResponse({"first": first.pk if first else None})


@transaction.atomic
def close(request, pk):
    account = get_object_or_404(Account.objects.select_for_update(), pk=pk)
    account.delete()
    return JsonResponse({})


def freeze(request, pk):
    account = get_object_or_404(Account.objects.select_for_update(), pk=pk)  # error: BL904
    account.balance = 0
    account.save()
    return JsonResponse({})
