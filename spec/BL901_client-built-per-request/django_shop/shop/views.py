import redis
from django.http import JsonResponse
from django.views import View

from payments.gateway import charge


def checkout(request, order_id: int):
    result = charge(order_id, int(request.POST["amount"]))
    return JsonResponse(result)


class CartView(View):
    def get(self, request, cart_id: int):
        cache = redis.StrictRedis(host="cache", port=6379)  # error: BL901 "view `get`"
        return JsonResponse({"items": cache.lrange(f"cart:{cart_id}", 0, -1)})
