from wallet.models import Wallet


def locked_wallet(pk):
    return Wallet.objects.select_for_update(of=("self",)).get(pk=pk)
