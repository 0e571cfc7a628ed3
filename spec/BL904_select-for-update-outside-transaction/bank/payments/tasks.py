from celery import shared_task

from accounts.models import Account
from accounts.services import debit


@shared_task
def monthly_fee():
    for account in Account.objects.select_for_update().iterator():  # error: BL904 "Celery task"
        debit(account.pk, 1)
