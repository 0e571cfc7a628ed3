from django.http import JsonResponse
from rest_framework.views import APIView

from wallet.models import Wallet
from wallet.locking import locked_wallet


def top_up(request, pk):
    # Every view runs in a transaction under ATOMIC_REQUESTS.
    wallet = Wallet.objects.select_for_update().get(pk=pk)
    wallet.balance += 10
    wallet.save()
    return JsonResponse({"balance": wallet.balance})


class WithdrawView(APIView):
    def post(self, request, pk):
        wallet = locked_wallet(pk)
        wallet.balance -= 10
        wallet.save()
        return JsonResponse({"balance": wallet.balance})
