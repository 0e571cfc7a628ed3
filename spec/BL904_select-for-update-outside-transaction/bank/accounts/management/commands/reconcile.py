from django.core.management.base import BaseCommand

from accounts.models import Account


class Command(BaseCommand):
    help = "Reconcile balances"

    def handle(self, *args, **options):
        account = Account.objects.select_for_update().filter(balance__lt=0).first()  # error: BL904 "management command"
        if account is not None:
            self.stdout.write(str(account.pk))
