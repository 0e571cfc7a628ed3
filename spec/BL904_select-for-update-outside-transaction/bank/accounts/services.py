from django.db import transaction

from accounts.models import Account


def debit(account_id, amount):
    account = Account.objects.select_for_update().get(pk=account_id)  # error: BL904 "every caller of `debit`"
    account.balance -= amount
    account.save(update_fields=["balance"])


def credit(account_id, amount):
    account = Account.objects.select_for_update(nowait=True).get(pk=account_id)
    account.balance += amount
    account.save(update_fields=["balance"])


def locked_accounts(ids):
    return Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")


def audit_balances():
    # No caller anywhere: whoever calls it may hold a transaction.
    for account in Account.objects.select_for_update().all():
        print(account.pk, account.balance)


def transfer(source_id, target_id, amount):
    with transaction.atomic():
        accounts = list(locked_accounts([source_id, target_id]))
        credit(target_id, amount)
    return accounts
