from django.test import TestCase

from accounts.models import Account
from accounts.services import debit


class DebitTests(TestCase):
    def test_debit(self):
        account = Account.objects.select_for_update().get(pk=1)
        debit(account.pk, 1)
